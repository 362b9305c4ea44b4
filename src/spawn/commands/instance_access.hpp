// Reaching a running instance from the command line, as `connect` and `status` do:
// the --user and --key flags, the login user the image expects, the key file, and
// for local instances the sandbox of spawn-localcloud, which stands in for SSH.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "aws/session.hpp"
#include "spawn/context.hpp"
#include "spawn/ops/managed_instance.hpp"
#include "util/result.hpp"

namespace spawn::cli {

struct LoginFlags {
  std::string user;  // --user; empty: the image's user
  std::string key;   // --key; empty: searched in ~/.ssh
};

// Adds --user and --key.
void add_login_flags(CLI::App& command, LoginFlags& flags);

// --user, else the user the instance's image creates (one DescribeImages).
std::string login_user(aws::Session& session, const ops::ManagedInstance& instance,
                       const LoginFlags& flags);

// The private key to log in with: --key, else the instance's key pair name or the usual
// keys in ~/.ssh (ops::find_login_key).
Result<std::filesystem::path> login_key(Context& context, const ops::ManagedInstance& instance,
                                        const LoginFlags& flags);

// The argv that runs what follows it inside a local instance's sandbox:
// spawn-localcloud shell --state-dir DIR ID --. Alone, it opens a shell there.
Result<std::vector<std::string>> sandbox_command_prefix(Context& context,
                                                        const ops::ManagedInstance& instance);

}  // namespace spawn::cli
