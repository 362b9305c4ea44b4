// How `spawn list` shows instances: a table for people (spec §4 columns plus the
// time left before the TTL ends), and one document for programs, printed as JSON
// or YAML. Pure functions of the instances and the current time, so every output
// is tested without AWS or a clock.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "platform/terminal.hpp"
#include "spawn/ops/managed_instance.hpp"
#include "spawn/ui/symbols.hpp"
#include "util/clock.hpp"

namespace spawn::ui {

struct ListStyle {
  platform::Colour colour = platform::Colour::off;
  SymbolStyle symbols = SymbolStyle::emoji;
};

// "3h12m"; "expired"; "2h (paused)" for a stopped instance (what it gets back at start);
// "none" without a TTL.
std::string ttl_left_text(const ops::ManagedInstance& instance, SystemTime now);

// The table, then a blank line and "Total: N instances".
std::string render_instance_table(const std::vector<ops::ManagedInstance>& instances,
                                  SystemTime now, const ListStyle& style);

// One instance with the keys of spec §4 plus ttl_left_seconds and deadline (null without a
// TTL or while not running); missing text is "", as the original printed it.
nlohmann::ordered_json instance_document(const ops::ManagedInstance& instance, SystemTime now);

// instance_document of each, as an array.
nlohmann::ordered_json documents(const std::vector<ops::ManagedInstance>& instances,
                                 SystemTime now);

// The instances as a JSON array (2-space indent) or a YAML sequence, ending in '\n'.
std::string render_instances_json(const std::vector<ops::ManagedInstance>& instances,
                                  SystemTime now);
std::string render_instances_yaml(const std::vector<ops::ManagedInstance>& instances,
                                  SystemTime now);

}  // namespace spawn::ui
