// One page of an S3 listing (ListObjects, ListObjectsV2), decided key by key so
// the caller can walk the store in order without copying it. S3's rules: only
// keys under `prefix` and after `start_after` count; with a delimiter, keys
// whose rest (after the prefix) contains it fold into one CommonPrefix
// ("photos/2024/" for "photos/2024/a.jpg" under prefix "photos/"), which counts
// once against max-keys; a page resumed after a common prefix skips every key
// under it, so no prefix is reported twice.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace spawn::localcloud {

inline constexpr std::size_t kMaxListKeys = 1000;

struct ListingQuery {
  std::string prefix;
  std::string delimiter;    // "" for a flat listing
  std::string start_after;  // exclusive: a key or a common prefix of an earlier page
  std::size_t max_keys = kMaxListKeys;
};

// What became of a key offered to the page.
enum class Offer {
  content,    // listed as an object
  rolled_up,  // part of a common prefix
  skipped,    // before the start or outside the prefix
  stop,       // the page is complete: offer no more keys
};

class ListingPage {
 public:
  explicit ListingPage(ListingQuery query) : query_(std::move(query)) {}

  // The first key worth offering; keys before it would be skipped.
  std::string_view first_key() const;
  // Considers the next key, in ascending order.
  Offer offer(std::string_view key);

  const std::vector<std::string>& common_prefixes() const { return common_prefixes_; }
  // Objects and common prefixes on the page, as KeyCount counts them.
  std::size_t entry_count() const { return entries_; }
  bool truncated() const { return truncated_; }
  // The last key or common prefix on the page, where the next page starts after.
  const std::string& last_entry() const { return last_entry_; }

 private:
  // The common prefix `key` folds into, or "" when it is listed itself.
  std::string_view rollup_of(std::string_view key) const;

  ListingQuery query_;
  std::vector<std::string> common_prefixes_;
  std::size_t entries_ = 0;
  bool truncated_ = false;
  std::string last_entry_;
};

}  // namespace spawn::localcloud
