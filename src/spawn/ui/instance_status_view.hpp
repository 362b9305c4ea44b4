// How `spawn status` shows one instance: what its tags say (limits, deadline,
// completion settings, the last stop) and what spored itself reports, as
// aligned "Label: value" lines for people or one document for programs.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "spawn/ops/managed_instance.hpp"
#include "util/clock.hpp"

namespace spawn::ui {

// spored's own report, or why it could not be had.
struct AgentView {
  std::optional<std::string> status;  // `spored status` output
  std::string unreachable_reason;     // when status is empty
};

// The lines, then "Agent:" with spored's report indented (or why it is not reachable).
std::string render_status_text(const ops::ManagedInstance& instance, SystemTime now,
                               const AgentView& agent);

// The same as a document: list's instance keys plus the limits and an "agent" object
// {"reachable", "status", "reason"}.
nlohmann::ordered_json status_document(const ops::ManagedInstance& instance, SystemTime now,
                                       const AgentView& agent);

}  // namespace spawn::ui
