#include <pwd.h>
#include <unistd.h>

#include "platform/paths.hpp"

namespace spawn::platform {

Result<std::filesystem::path> home_dir(const Environment& env) {
  if (auto home = env.get_nonempty("HOME"))
    return std::filesystem::path(*home);
  if (const passwd* entry = getpwuid(getuid()); entry != nullptr && entry->pw_dir != nullptr) {
    return std::filesystem::path(entry->pw_dir);
  }
  return fail(ErrorKind::io, "cannot find the home folder: HOME is not set");
}

Result<std::filesystem::path> config_dir(const Environment& env) {
  if (auto dir = env.get_nonempty("SPAWN_CONFIG_DIR"))
    return std::filesystem::path(*dir);
  auto home = home_dir(env);
  if (!home)
    return std::unexpected(home.error());
  return *home / ".spawn";
}

Result<std::filesystem::path> data_dir(const Environment& env) {
  if (auto dir = env.get_nonempty("XDG_DATA_HOME"))
    return std::filesystem::path(*dir) / "spawn";
  auto home = home_dir(env);
  if (!home)
    return std::unexpected(home.error());
  return *home / ".local" / "share" / "spawn";
}

Result<std::filesystem::path> expand_user(const std::filesystem::path& path,
                                          const Environment& env) {
  auto text = path.string();
  if (text != "~" && !text.starts_with("~/"))
    return path;
  auto home = home_dir(env);
  if (!home)
    return std::unexpected(home.error());
  return text == "~" ? *home : *home / text.substr(2);
}

}  // namespace spawn::platform
