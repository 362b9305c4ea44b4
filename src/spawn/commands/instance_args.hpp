// What the instance commands (list, extend, stop, hibernate, start, terminate,
// status) share: the output format flags, the job-array flags, where to look
// (the global --region restricts the region scan, spec §1.2 [REC]), and turning
// what the user typed into instances with progress and region warnings on stderr.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/session.hpp"
#include "spawn/context.hpp"
#include "spawn/ops/instance_query.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::cli {

enum class OutputFormat { table, json, yaml };

struct OutputFlags {
  std::string format = "table";  // -o/--output/--format
  bool json = false;             // --json, the original's spelling

  OutputFormat chosen() const;
};

// Adds -o/--output/--format table|json|yaml and --json.
void add_output_flags(CLI::App& command, OutputFlags& flags);

struct JobArrayFlags {
  std::string id;    // --job-array-id
  std::string name;  // --job-array-name

  bool given() const { return !id.empty() || !name.empty(); }
  ops::JobArraySelector selector() const { return {id, name}; }
};

// Adds --job-array-id and --job-array-name (one or the other).
void add_job_array_flags(CLI::App& command, JobArrayFlags& flags);

// How many instances a command addresses by id or name.
enum class Arity { one, many };

// The instances a command acts on: the positional ids/names, or the job array's members.
// ErrorKind::usage for a job array together with names, or for the wrong number of names.
Result<std::vector<ops::ManagedInstance>> resolve_targets(Context& context, aws::Session& session,
                                                          const std::vector<std::string>& names,
                                                          const JobArrayFlags& job_array,
                                                          Arity arity);

// The session with the instances resolve_targets finds in it: how every command that
// acts on instances begins.
struct Targets {
  aws::Session* session = nullptr;
  std::vector<ops::ManagedInstance> instances;
};
Result<Targets> session_and_targets(Context& context, const std::vector<std::string>& names,
                                    const JobArrayFlags& job_array, Arity arity);

using TargetStep = std::function<Result<void>(const ops::ManagedInstance&)>;

struct BatchOutcome {
  std::size_t done = 0;
  std::optional<Error> failure;  // the first error of a single target, or of `act` with several
};

// Runs `check` then `act` on each target. A single target's error is the outcome's failure
// (printed nowhere). With several (a job array), a target `check` refuses is skipped with a
// "Skipping" line on stderr, and `act` failures are warned about and the first kept.
BatchOutcome act_on_each(Context& context, const std::vector<ops::ManagedInstance>& targets,
                         const TargetStep& check, const TargetStep& act);

// The batch's end: "<summary>" when there were several targets, then the failure if any.
Result<void> finish_batch(Context& context, const BatchOutcome& outcome, std::size_t targets,
                          std::string_view summary);

// Where to look: --region alone when given, else every enabled region (cached list).
ops::ListScope list_scope(Context& context, aws::Session& session);

// One warning line on stderr for a region that could not be asked.
void warn_region_failure(Context& context, const std::string& region, const Error& error);

// A warning line on stderr: the warning symbol and `message`.
void warn(Context& context, std::string_view message);

// The current time as the session's clock tells it.
SystemTime now_for(aws::Session& session);

}  // namespace spawn::cli
