#include "spored/user_warnings.hpp"

#include "platform/process.hpp"
#include "util/file.hpp"

namespace spawn::spored {

namespace {

constexpr std::chrono::seconds kWallTimeout{5};

}  // namespace

Result<void> warn_users(const std::filesystem::path& warning_file, const std::string& message) {
  // Terminals that cannot be written to (gone, or refusing messages) are wall's business.
  (void)platform::run_process({"wall", message}, {.timeout = kWallTimeout});
  std::error_code ignored;
  std::filesystem::create_directories(warning_file.parent_path(), ignored);
  return write_file_atomic(warning_file, message + "\n");
}

}  // namespace spawn::spored
