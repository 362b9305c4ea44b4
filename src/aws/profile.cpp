#include "aws/profile.hpp"

#include <fmt/format.h>

#include <set>

#include "platform/paths.hpp"
#include "util/strings.hpp"

namespace spawn::aws {

namespace {

Result<std::filesystem::path> file_from_env(const Environment& env, std::string_view variable,
                                            std::string_view default_name) {
  if (auto path = env.get_nonempty(variable))
    return platform::expand_user(*path, env);
  auto home = platform::home_dir(env);
  if (!home)
    return std::unexpected(home.error());
  return *home / ".aws" / default_name;
}

std::string_view origin_text(ProfileOrigin origin) {
  switch (origin) {
    case ProfileOrigin::flag: return "--profile";
    case ProfileOrigin::aws_profile: return "AWS_PROFILE";
    case ProfileOrigin::aws_default_profile: return "AWS_DEFAULT_PROFILE";
    case ProfileOrigin::fallback: break;
  }
  return "";
}

}  // namespace

Result<SharedConfigPaths> shared_config_paths(const Environment& env) {
  auto config = file_from_env(env, "AWS_CONFIG_FILE", "config");
  if (!config)
    return std::unexpected(config.error());
  auto credentials = file_from_env(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
  if (!credentials)
    return std::unexpected(credentials.error());
  return SharedConfigPaths{*config, *credentials};
}

std::optional<std::string> Profile::get(std::string_view key) const {
  auto it = values.find(key);
  if (it == values.end() || it->second.empty())
    return std::nullopt;
  return it->second;
}

ProfileChoice choose_profile(const std::optional<std::string>& flag, const Environment& env) {
  if (flag && !flag->empty())
    return {*flag, ProfileOrigin::flag};
  if (auto name = env.get_nonempty("AWS_PROFILE"))
    return {*name, ProfileOrigin::aws_profile};
  if (auto name = env.get_nonempty("AWS_DEFAULT_PROFILE")) {
    return {*name, ProfileOrigin::aws_default_profile};
  }
  return {std::string(kDefaultProfile), ProfileOrigin::fallback};
}

SharedConfig::SharedConfig(SharedConfigPaths paths, ConfigFile config, ConfigFile credentials)
    : paths_(std::move(paths)), config_(std::move(config)), credentials_(std::move(credentials)) {}

bool SharedConfig::has_profile(std::string_view name) const {
  return config_.profiles.contains(name) || credentials_.profiles.contains(name);
}

std::vector<std::string> SharedConfig::profile_names() const {
  std::set<std::string> names;
  for (const auto& [name, values] : config_.profiles)
    names.insert(name);
  for (const auto& [name, values] : credentials_.profiles)
    names.insert(name);
  return {names.begin(), names.end()};
}

Result<ConfigValues> SharedConfig::named_section(const ConfigSections& sections,
                                                 std::string_view kind, const Profile& profile,
                                                 std::string_view key) const {
  auto section_name = profile.get(key);
  if (!section_name)
    return ConfigValues{};
  auto it = sections.find(*section_name);
  if (it != sections.end())
    return it->second;
  return fail(ErrorKind::usage,
              fmt::format("profile {} sets {} = {}, but {} has no [{} {}] section", profile.name,
                          key, *section_name, paths_.config.string(), kind, *section_name));
}

std::unexpected<Error> SharedConfig::missing_profile(std::string_view name,
                                                     std::string_view origin) const {
  auto names = profile_names();
  std::string known =
      names.empty() ? "neither file defines any profile" : "profiles there: " + join(names, ", ");
  std::string from = origin.empty() ? "" : fmt::format(" (from {})", origin);
  return fail(ErrorKind::usage,
              fmt::format("profile {}{} is not in {} or {}; {}", name, from, paths_.config.string(),
                          paths_.credentials.string(), known));
}

Result<Profile> SharedConfig::profile(std::string_view name, std::string_view origin) const {
  if (!has_profile(name))
    return missing_profile(name, origin);
  Profile profile{std::string(name), {}, {}, {}};
  for (const ConfigFile* file : {&config_, &credentials_}) {
    auto it = file->profiles.find(name);
    if (it == file->profiles.end())
      continue;
    for (const auto& [key, value] : it->second)
      profile.values[key] = value;
  }
  auto sso_session = named_section(config_.sso_sessions, "sso-session", profile, "sso_session");
  if (!sso_session)
    return std::unexpected(sso_session.error());
  profile.sso_session = std::move(*sso_session);
  auto services = named_section(config_.services, "services", profile, "services");
  if (!services)
    return std::unexpected(services.error());
  profile.services = std::move(*services);
  return profile;
}

Result<SharedConfig> load_shared_config(const Environment& env) {
  auto paths = shared_config_paths(env);
  if (!paths)
    return std::unexpected(paths.error());
  auto config = load_config_file(paths->config, ConfigFileKind::config);
  if (!config)
    return std::unexpected(config.error());
  auto credentials = load_config_file(paths->credentials, ConfigFileKind::credentials);
  if (!credentials)
    return std::unexpected(credentials.error());
  return SharedConfig(std::move(*paths), std::move(*config), std::move(*credentials));
}

Result<Profile> select_profile(const SharedConfig& config, const ProfileChoice& choice) {
  if (choice.origin == ProfileOrigin::fallback && !config.has_profile(choice.name)) {
    return Profile{choice.name, {}, {}, {}};
  }
  return config.profile(choice.name, origin_text(choice.origin));
}

}  // namespace spawn::aws
