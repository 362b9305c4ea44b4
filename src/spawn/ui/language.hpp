// Which language spawn speaks (spec core §12.1).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "util/env.hpp"

namespace spawn::ui {

// The languages spawn knows; anything else falls back to English.
std::span<const std::string_view> supported_languages();

// A locale name reduced to a supported language code: lower-cased, encoding and region
// dropped ("en_US.UTF-8" → "en", "es-MX" → "es"); unsupported names ("C", "zh_CN") → "en".
std::string normalise_language(std::string_view locale);

// The first one set of: --lang, SPAWN_LANG, TRUFFLE_LANG, LANG, LC_ALL, the first entry of
// LANGUAGE; else English. Normalised.
std::string detect_language(const std::optional<std::string>& lang_flag, const Environment& env);

}  // namespace spawn::ui
