// The INI dialect of the AWS CLI (Python's configparser plus botocore's nesting):
// - `#` and `;` start a comment on a line of their own, or after whitespace
//   within a line (so `url = http://h/#frag` keeps its `#`);
// - an indented line continues the setting above it: when that setting's value is
//   empty it is a nested `key = value` (a sub-setting), otherwise it is another
//   line of the value;
// - section names keep their case; keys are lower-cased as configparser does (so
//   `AWS_ACCESS_KEY_ID = ...` works as with the AWS CLI); values are trimmed, never unquoted;
// - CRLF line ends and a UTF-8 byte-order mark are accepted.
// Anything else that does not fit is an error with the file name and line number.
#include "aws/config_file.hpp"

#include <fmt/format.h>

#include "util/file.hpp"
#include "util/strings.hpp"

namespace spawn::aws {

namespace {

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}
bool is_comment_start(char c) {
  return c == '#' || c == ';';
}

// `text` without a trailing comment (one that starts after whitespace), trimmed.
std::string_view strip_inline_comment(std::string_view text) {
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (is_comment_start(text[i]) && is_blank(text[i - 1]))
      return trim(text.substr(0, i));
  }
  return trim(text);
}

class IniParser {
 public:
  explicit IniParser(std::string_view file_name) : file_name_(file_name) {}

  Result<std::vector<IniSection>> parse(std::string_view text) {
    if (text.starts_with(kUtf8ByteOrderMark))
      text.remove_prefix(kUtf8ByteOrderMark.size());
    while (!text.empty()) {
      std::size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
      if (line.ends_with('\r'))
        line.remove_suffix(1);
      ++line_number_;
      if (auto parsed = parse_line(line); !parsed)
        return std::unexpected(parsed.error());
    }
    return std::move(sections_);
  }

 private:
  Result<void> parse_line(std::string_view line) {
    std::string_view content = trim(line);
    if (content.empty() || is_comment_start(content.front()))
      return {};
    if (is_blank(line.front()) && !last_key_.empty())
      return indented(content);
    if (content.front() == '[')
      return header(content);
    return setting(content);
  }

  Result<void> header(std::string_view content) {
    std::size_t close = content.find(']');
    if (close == std::string_view::npos)
      return error("the section header has no closing `]`");
    std::string_view after = trim(content.substr(close + 1));
    if (!after.empty() && !is_comment_start(after.front())) {
      return error("unexpected text after the section header");
    }
    std::string_view name = trim(content.substr(1, close - 1));
    if (name.empty())
      return error("the section header has no name");
    sections_.push_back(IniSection{std::string(name), line_number_, {}});
    last_key_.clear();
    return {};
  }

  Result<void> setting(std::string_view content) {
    if (sections_.empty()) {
      return error("a setting before any section header (add `[default]` or `[profile NAME]`)");
    }
    auto key_value = split_setting(content);
    if (!key_value)
      return std::unexpected(key_value.error());
    auto& [key, value] = *key_value;
    sections_.back().values[key] = value;
    last_key_ = key;
    return {};
  }

  // An indented line after `last_key_`: a sub-setting or a continued value.
  Result<void> indented(std::string_view content) {
    auto& values = sections_.back().values;
    std::string& parent_value = values[last_key_];
    if (!parent_value.empty()) {
      parent_value += '\n';
      parent_value += strip_inline_comment(content);
      return {};
    }
    auto key_value = split_setting(content);
    if (!key_value)
      return std::unexpected(key_value.error());
    values[last_key_ + "." + key_value->first] = key_value->second;
    return {};
  }

  Result<std::pair<std::string, std::string>> split_setting(std::string_view content) const {
    std::size_t equals = content.find('=');
    if (equals == std::string_view::npos)
      return error("expected `key = value`");
    std::string_view key = trim(content.substr(0, equals));
    if (key.empty())
      return error("a setting with no name before `=`");
    return std::pair{to_lower(key), std::string(strip_inline_comment(content.substr(equals + 1)))};
  }

  std::unexpected<Error> error(std::string_view problem) const {
    return fail(ErrorKind::usage,
                fmt::format("{}, line {}: {}", file_name_, line_number_, problem));
  }

  std::string_view file_name_;
  int line_number_ = 0;
  std::vector<IniSection> sections_;
  std::string last_key_;  // the last top-level key of the current section
};

// The name after `prefix` and whitespace ("profile  dev" -> "dev"); empty when `header`
// is not of that kind or the name is not a single word.
std::string_view named_section(std::string_view header, std::string_view prefix) {
  if (!header.starts_with(prefix) || header.size() == prefix.size())
    return {};
  if (!is_blank(header[prefix.size()]))
    return {};
  std::string_view name = trim(header.substr(prefix.size()));
  bool single_word = name.find_first_of(" \t") == std::string_view::npos;
  return single_word ? name : std::string_view{};
}

void merge_into(ConfigSections& sections, std::string_view name, const ConfigValues& values) {
  auto& target = sections[std::string(name)];
  for (const auto& [key, value] : values)
    target[key] = value;
}

void sort_config_sections(const std::vector<IniSection>& sections, ConfigFile& file) {
  for (const auto& section : sections) {
    if (auto name = named_section(section.name, "profile"); !name.empty()) {
      merge_into(file.profiles, name, section.values);
    } else if (auto session = named_section(section.name, "sso-session"); !session.empty()) {
      merge_into(file.sso_sessions, session, section.values);
    } else if (auto services = named_section(section.name, "services"); !services.empty()) {
      merge_into(file.services, services, section.values);
    }
  }
  // A plain [default] counts only when there is no [profile default].
  if (file.profiles.contains("default"))
    return;
  for (const auto& section : sections) {
    if (section.name == "default")
      merge_into(file.profiles, "default", section.values);
  }
}

}  // namespace

Result<std::vector<IniSection>> parse_ini(std::string_view text, std::string_view file_name) {
  return IniParser(file_name).parse(text);
}

Result<ConfigFile> parse_config_file(std::string_view text, std::string_view file_name,
                                     ConfigFileKind kind) {
  auto sections = parse_ini(text, file_name);
  if (!sections)
    return std::unexpected(sections.error());
  ConfigFile file;
  if (kind == ConfigFileKind::config) {
    sort_config_sections(*sections, file);
  } else {
    for (const auto& section : *sections)
      merge_into(file.profiles, section.name, section.values);
  }
  return file;
}

Result<ConfigFile> load_config_file(const std::filesystem::path& path, ConfigFileKind kind) {
  auto text = read_file(path);
  if (!text && text.error().kind == ErrorKind::not_found)
    return ConfigFile{};
  if (!text)
    return std::unexpected(text.error());
  return parse_config_file(*text, path.string(), kind);
}

}  // namespace spawn::aws
