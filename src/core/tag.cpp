#include "core/tag.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace spawn {
namespace {

// Code points in UTF-8 text: every byte that does not continue a multi-byte sequence.
std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

Result<void> check_tag(const Tag& tag) {
  if (tag.key.empty())
    return fail(ErrorKind::usage, "a tag has an empty key; AWS requires one");
  if (auto length = characters(tag.key); length > kMaxTagKeyCharacters) {
    return fail(ErrorKind::usage,
                fmt::format("tag key \"{}...\" is {} characters long; AWS allows at most {}",
                            tag.key.substr(0, 40), length, kMaxTagKeyCharacters));
  }
  if (tag.key.starts_with("aws:")) {
    return fail(ErrorKind::usage,
                fmt::format("tag key \"{}\" starts with \"aws:\", which AWS reserves", tag.key));
  }
  if (auto length = characters(tag.value); length > kMaxTagValueCharacters) {
    return fail(ErrorKind::usage,
                fmt::format("the value of tag {} is {} characters long; AWS allows at most {}",
                            tag.key, length, kMaxTagValueCharacters));
  }
  return {};
}

}  // namespace

Result<void> check_tag_limits(const std::vector<Tag>& tags) {
  if (tags.size() > kMaxTagsPerResource) {
    return fail(ErrorKind::usage, fmt::format("{} tags on one resource; AWS allows at most {}",
                                              tags.size(), kMaxTagsPerResource));
  }
  for (const auto& tag : tags) {
    if (auto checked = check_tag(tag); !checked)
      return checked;
  }
  return {};
}

}  // namespace spawn
