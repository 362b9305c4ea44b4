#include "spawn/ui/language.hpp"

#include <algorithm>
#include <array>

#include "util/strings.hpp"

namespace spawn::ui {

namespace {

constexpr std::string_view kEnglish = "en";
constexpr std::array<std::string_view, 6> kSupported = {"en", "es", "fr", "de", "ja", "pt"};

// Checked in this order; LANG before LC_ALL is the original tool's order, kept on purpose.
constexpr std::array<std::string_view, 4> kLanguageVariables = {"SPAWN_LANG", "TRUFFLE_LANG",
                                                                "LANG", "LC_ALL"};

std::optional<std::string> first_language_setting(const Environment& env) {
  for (std::string_view variable : kLanguageVariables) {
    if (auto value = env.get_nonempty(variable))
      return value;
  }
  if (auto list = env.get_nonempty("LANGUAGE"))
    return split(*list, ':').front();
  return std::nullopt;
}

}  // namespace

std::span<const std::string_view> supported_languages() {
  return kSupported;
}

std::string normalise_language(std::string_view locale) {
  std::string code = to_lower(trim(locale));
  code = code.substr(0, code.find_first_of("._-:@"));
  if (std::find(kSupported.begin(), kSupported.end(), code) == kSupported.end()) {
    return std::string(kEnglish);
  }
  return code;
}

std::string detect_language(const std::optional<std::string>& lang_flag, const Environment& env) {
  if (lang_flag && !lang_flag->empty())
    return normalise_language(*lang_flag);
  if (auto setting = first_language_setting(env))
    return normalise_language(*setting);
  return std::string(kEnglish);
}

}  // namespace spawn::ui
