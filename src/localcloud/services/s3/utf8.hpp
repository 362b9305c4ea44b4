// S3 keys, metadata and tags are UTF-8 text, and the resource store writes its
// JSON documents strictly (invalid UTF-8 cannot be stored), so every client
// string that ends up in a document is checked here first.
#pragma once

#include <string_view>

namespace spawn::localcloud {

// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace spawn::localcloud
