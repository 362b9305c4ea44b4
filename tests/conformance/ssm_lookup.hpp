// Reading one SSM parameter with spawn's own client: setup for tests that need
// an image id, without paying a CLI start-up (the CLI's own get-parameter is
// checked in catalog_test).
#pragma once

#include <expected>
#include <string>

#include "localcloud_server.hpp"

namespace spawn::conformance {

// The value of parameter `name` on the server `env` describes, or what went wrong.
std::expected<std::string, std::string> ssm_parameter_value(const ServerEnv& env,
                                                            const std::string& name);

}  // namespace spawn::conformance
