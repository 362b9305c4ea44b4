// What `spawn launch` prints: the plan with --dry-run, and the result — what was
// launched, where, what it costs per hour and at worst until its TTL, when it ends,
// and how to get in. Text for people (stdout), JSON for scripts (--output json).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "core/launch_spec.hpp"
#include "spawn/ops/launch.hpp"
#include "spawn/ui/symbols.hpp"

namespace spawn::ui {

struct LaunchReport {
  const ops::LaunchOutcome& outcome;
  const LaunchSpec& spec;
  bool local = false;                    // launched on spawn-localcloud
  std::string ssh_key;                   // the private key file, when known
  std::optional<double> worst_case_usd;  // price x TTL
};

// "$0.1008/hour on-demand (listed 2024-12-01)" and the like.
std::string describe_price(const HourlyPrice& price, bool spot);

// The command that opens a shell on the instance.
std::string connect_command(const LaunchReport& report);

void print_launch_result(std::ostream& out, const LaunchReport& report, SymbolStyle symbols);
nlohmann::ordered_json launch_result_json(const LaunchReport& report);

void print_launch_plan(std::ostream& out, const LaunchReport& report);

}  // namespace spawn::ui
