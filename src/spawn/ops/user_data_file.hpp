// `--user-data` takes the script itself or, written `@path`, a file holding it (as the
// AWS CLI's file arguments do). Only reading happens here; the script is checked and
// embedded by core/launch_user_data.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// The script `value` stands for: the content of the regular file after `@` (relative to
// `cwd`, a leading "~/" meaning the home folder), else `value` itself. Errors name the file:
// ErrorKind::not_found when it does not exist, usage when it is not a regular file or is
// larger than EC2's user-data limit, io when it cannot be read.
Result<std::string> read_user_data_argument(std::string_view value,
                                            const std::filesystem::path& cwd,
                                            const Environment& env);

}  // namespace spawn::ops
