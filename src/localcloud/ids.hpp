// Identifiers in the forms AWS uses: "i-0123456789abcdef0", "AROA…", secrets.
#pragma once

#include <string>
#include <string_view>

namespace spawn::localcloud {

// "<prefix>-" followed by 17 lower-case hex digits, as EC2 ids look ("i", "vpc", "sg").
std::string resource_id(std::string_view prefix);
// `length` characters of A-Z and 0-9 (the tail of access key and role ids).
std::string random_upper_alnum(std::size_t length);
// `length` characters of A-Z a-z 0-9 + / (secrets and session tokens).
std::string random_base64ish(std::size_t length);

}  // namespace spawn::localcloud
