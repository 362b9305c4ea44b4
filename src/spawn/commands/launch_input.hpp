// What `spawn launch` reads before it touches AWS: the request (flags over truffle's
// piped offer, --user-data's file), the warnings about its limits, and the SSH key it
// will import — created on the spot when the user has none and agrees.
#pragma once

#include <optional>
#include <string>

#include "core/launch_spec.hpp"
#include "spawn/context.hpp"
#include "spawn/ops/launch_context.hpp"
#include "spawn/ops/ssh_key.hpp"

namespace spawn::cli {

// The checked request. Piped input is read only when stdin is not a terminal; empty input
// counts as none. The global --region wins over a piped region.
Result<LaunchSpec> read_launch_spec(Context& context, LaunchFlags flags,
                                    const std::string& user_data);

// Tells (stderr) about the safety default idle timeout, --no-timeout, and SSH open to all.
void warn_about_limits(Context& context, const LaunchSpec& spec);

// The local key to import: none with --key-pair; else --ssh-key or ~/.ssh's key; when there is
// none, one is created with `yes`, or after asking on a terminal; else ErrorKind::usage.
Result<std::optional<ops::LocalKey>> prepare_ssh_key(Context& context, const LaunchSpec& spec,
                                                     bool yes);

// Where the launch runs: localcloud with --local, and also when --endpoint-url names this
// machine (only localcloud listens there; real AWS endpoints never do).
ops::CloudKind cloud_kind(const Context& context);

// Asks `question` on the terminal and reads y/n; `default_answer` for an empty line. False
// when there is no terminal to ask on.
bool confirm(Context& context, std::string_view question, bool default_answer);

}  // namespace spawn::cli
