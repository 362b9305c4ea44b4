#include "spawn/ops/user_data_file.hpp"

#include <fmt/format.h>

#include "core/launch_user_data.hpp"
#include "platform/paths.hpp"
#include "util/file.hpp"

namespace spawn::ops {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFilePrefix = "@";
constexpr std::string_view kUsageHint =
    "Give --user-data the script itself, or @ followed by the path of a file holding it.";

Result<fs::path> file_path(std::string_view name, const fs::path& cwd, const Environment& env) {
  if (name.empty())
    return fail(ErrorKind::usage, "--user-data @ needs a file name after the @",
                std::string(kUsageHint));
  auto expanded = platform::expand_user(fs::path(name), env);
  if (!expanded)
    return expanded;
  return expanded->is_absolute() ? *expanded : cwd / *expanded;
}

Result<void> check_regular_file(const fs::path& path) {
  std::error_code error;
  auto status = fs::status(path, error);
  if (!fs::exists(status))
    return fail(ErrorKind::not_found,
                fmt::format("the --user-data file {} does not exist", path.string()),
                std::string(kUsageHint));
  if (!fs::is_regular_file(status))
    return fail(ErrorKind::usage,
                fmt::format("the --user-data file {} is not a regular file", path.string()),
                std::string(kUsageHint));
  if (fs::file_size(path, error) > kMaxUserDataBytes)
    return fail(ErrorKind::usage,
                fmt::format("the --user-data file {} is larger than EC2's user-data limit of {} "
                            "bytes",
                            path.string(), kMaxUserDataBytes),
                "Put the script in S3 or on the instance and give a short --user-data that "
                "fetches and runs it.");
  return {};
}

}  // namespace

Result<std::string> read_user_data_argument(std::string_view value, const fs::path& cwd,
                                            const Environment& env) {
  if (!value.starts_with(kFilePrefix))
    return std::string(value);
  auto path = file_path(value.substr(kFilePrefix.size()), cwd, env);
  if (!path)
    return std::unexpected(path.error());
  if (auto checked = check_regular_file(*path); !checked)
    return std::unexpected(checked.error());
  return read_file(*path);
}

}  // namespace spawn::ops
