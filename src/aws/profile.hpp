// Which shared config files, which profile, and that profile's settings merged
// from both files, as the AWS CLI resolves them.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/config_file.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::aws {

inline constexpr std::string_view kDefaultProfile = "default";

struct SharedConfigPaths {
  std::filesystem::path config;       // AWS_CONFIG_FILE, else ~/.aws/config
  std::filesystem::path credentials;  // AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials
};

// The two files' locations from the environment (a leading ~ is expanded).
Result<SharedConfigPaths> shared_config_paths(const Environment& env);

// One profile's settings: the config file's, with the credentials file's on top.
struct Profile {
  std::string name;
  ConfigValues values;
  ConfigValues sso_session;  // the [sso-session X] named by `sso_session`, else empty
  ConfigValues services;     // the [services X] named by `services`, else empty

  // The value of `key`; nullopt when it is unset or empty.
  std::optional<std::string> get(std::string_view key) const;
};

// Where the profile name came from, for messages and for whether it must exist.
enum class ProfileOrigin { flag, aws_profile, aws_default_profile, fallback };

struct ProfileChoice {
  std::string name;
  ProfileOrigin origin = ProfileOrigin::fallback;
};

// --profile, else AWS_PROFILE, else AWS_DEFAULT_PROFILE (as botocore reads it), else "default".
ProfileChoice choose_profile(const std::optional<std::string>& flag, const Environment& env);

// Both files, parsed.
class SharedConfig {
 public:
  SharedConfig(SharedConfigPaths paths, ConfigFile config, ConfigFile credentials);

  // The named profile; ErrorKind::usage (listing the profiles that exist) when neither file
  // has it, or when its sso_session or services names a section that is missing. `origin`
  // says where the name came from, for the message ("source_profile of profile dev").
  Result<Profile> profile(std::string_view name, std::string_view origin = "") const;
  bool has_profile(std::string_view name) const;
  // Every profile name in either file, sorted, without repeats.
  std::vector<std::string> profile_names() const;
  const SharedConfigPaths& paths() const { return paths_; }

 private:
  std::unexpected<Error> missing_profile(std::string_view name, std::string_view origin) const;
  Result<ConfigValues> named_section(const ConfigSections& sections, std::string_view kind,
                                     const Profile& profile, std::string_view key) const;

  SharedConfigPaths paths_;
  ConfigFile config_;
  ConfigFile credentials_;
};

// Reads both files; missing files are fine, malformed ones are ErrorKind::usage.
Result<SharedConfig> load_shared_config(const Environment& env);

// The chosen profile. A profile named by --profile or the environment must exist; the
// fallback "default" may be absent and then has no settings.
Result<Profile> select_profile(const SharedConfig& config, const ProfileChoice& choice);

}  // namespace spawn::aws
