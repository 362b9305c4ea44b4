// A resource tag as spawn's domain code writes it, and the limits AWS puts on a
// resource's tags. Core cannot use aws::Tag; the code that calls AWS converts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace spawn {

struct Tag {
  std::string key;
  std::string value;

  bool operator==(const Tag&) const = default;
};

inline constexpr std::size_t kMaxTagsPerResource = 50;
inline constexpr std::size_t kMaxTagKeyCharacters = 128;
inline constexpr std::size_t kMaxTagValueCharacters = 256;

// Whether AWS would accept `tags` on one resource: at most 50, keys of 1 to 128 and
// values of at most 256 characters (Unicode characters, as AWS counts them), no key
// starting with the reserved "aws:". Errors (ErrorKind::usage) name the tag.
Result<void> check_tag_limits(const std::vector<Tag>& tags);

}  // namespace spawn
