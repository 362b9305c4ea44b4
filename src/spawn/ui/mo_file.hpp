// Reader for GNU gettext's compiled message catalogs (.mo files), the format
// msgfmt writes and spawn embeds at build time.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace spawn::ui {

// msgid → msgstr. Lookups take a string_view without copying.
using MessageTable = std::map<std::string, std::string, std::less<>>;

// Parses a .mo file in either byte order. Every offset is bounds-checked: a truncated or
// corrupt file is ErrorKind::parse, never a crash. The header entry (empty msgid) and
// untranslated entries are left out; for plural entries the singular forms are kept.
Result<MessageTable> parse_mo(std::string_view bytes);

}  // namespace spawn::ui
