// Credentials from an external program, the `credential_process` setting of an
// AWS profile: the program prints a JSON document (Version 1) with the keys.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "aws/credentials.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// Long enough for a program that asks the user for an MFA code or opens a browser.
inline constexpr std::chrono::minutes kCredentialProcessTimeout{2};

// Parses what a credential process printed. `source` names it in messages ("credential_process
// of profile dev"); errors (ErrorKind::auth) never quote the output, which may hold secrets.
Result<Credentials> parse_credential_process_output(std::string_view output,
                                                    std::string_view source);

// Runs `command` (split into words like a shell would, but no shell runs it) and parses its
// output. A non-zero exit is an ErrorKind::auth error carrying the program's stderr.
Result<Credentials> run_credential_process(std::string_view command, std::string_view source);

// A provider that runs `command` each time it is asked (the chain caches and refreshes).
std::unique_ptr<CredentialsProvider> make_credential_process_provider(std::string command,
                                                                      std::string source);

}  // namespace spawn::aws
