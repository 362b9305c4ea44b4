// The AWS shared config and credentials files (~/.aws/config, ~/.aws/credentials),
// read the way the AWS CLI reads them: INI sections, `key = value` lines,
// comments, and indented sub-settings under a key with an empty value.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace spawn::aws {

// The settings of one section. A sub-setting such as
//   s3 =
//     max_concurrent_requests = 10
// is kept as "s3.max_concurrent_requests" (and "s3" itself maps to "").
using ConfigValues = std::map<std::string, std::string, std::less<>>;
using ConfigSections = std::map<std::string, ConfigValues, std::less<>>;

struct IniSection {
  std::string name;  // the header's text, trimmed: "profile dev", "default", "sso-session corp"
  int line = 0;      // 1-based line of the header
  ConfigValues values;
};

// Parses INI text into its sections, in file order. Errors (ErrorKind::usage) name
// `file_name` and the line: a setting before any section header, a header without `]`,
// a line without `=`.
Result<std::vector<IniSection>> parse_ini(std::string_view text, std::string_view file_name);

// The two files name profiles differently: `[profile dev]` in config, `[dev]` in credentials.
enum class ConfigFileKind { config, credentials };

struct ConfigFile {
  ConfigSections profiles;      // by profile name ("default", "dev")
  ConfigSections sso_sessions;  // [sso-session NAME], config file only
  ConfigSections services;      // [services NAME], config file only
};

// Parses a whole file and sorts its sections. Repeated sections are merged (later keys win);
// `[profile default]` wins over `[default]`; sections of other kinds are ignored.
Result<ConfigFile> parse_config_file(std::string_view text, std::string_view file_name,
                                     ConfigFileKind kind);

// Reads and parses the file at `path`; a file that does not exist reads as empty.
Result<ConfigFile> load_config_file(const std::filesystem::path& path, ConfigFileKind kind);

}  // namespace spawn::aws
