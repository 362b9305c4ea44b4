// Plain string helpers used across modules.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace spawn {

std::string_view trim(std::string_view text);
std::string to_lower(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
// Splits on every `separator`; empty fields are kept ("a,,b" -> {"a", "", "b"}).
std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// `text` as one word for a POSIX shell, in single quotes ('it'\''s'): nothing inside is
// expanded, so user values can go into generated scripts without injection.
std::string shell_quote(std::string_view text);

}  // namespace spawn
