// Types several services share: resource tags, server-side filters and the pages of a
// paginated list call (EC2 NextToken, IAM Marker, S3 continuation token map onto them).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spawn::aws {

struct Tag {
  std::string key{};
  std::string value{};
  bool operator==(const Tag&) const = default;
};

// The value of the tag named `key`, if present.
inline std::optional<std::string> tag_value(const std::vector<Tag>& tags, std::string_view key) {
  for (const auto& tag : tags) {
    if (tag.key == key)
      return tag.value;
  }
  return std::nullopt;
}

// A server-side filter: matches when `name` has any of `values` ("tag:Project", {"demo"}).
struct Filter {
  std::string name{};
  std::vector<std::string> values{};
};

// Where a paginated list call starts and how much one page may hold.
struct PageRequest {
  int max_results = 0;       // 0: AWS's default page size
  std::string next_token{};  // empty: the first page
};

// One page of a paginated list call; next_token is empty on the last page.
template <class T>
struct Page {
  std::vector<T> items{};
  std::string next_token{};
};

}  // namespace spawn::aws
