#include "localcloud/services/s3/object_listing.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace spawn::localcloud {
namespace {

// The listed keys and common prefixes of one page over `keys` (sorted), in order.
struct Listed {
  std::vector<std::string> contents;
  std::vector<std::string> prefixes;
  bool truncated = false;
  std::string last;
  std::size_t count = 0;
};

Listed list(std::vector<std::string> keys, ListingQuery query) {
  std::sort(keys.begin(), keys.end());
  ListingPage page(std::move(query));
  Listed listed;
  for (const std::string& key : keys) {
    if (key < page.first_key())
      continue;
    Offer offer = page.offer(key);
    if (offer == Offer::content)
      listed.contents.push_back(key);
    if (offer == Offer::stop)
      break;
  }
  listed.prefixes = page.common_prefixes();
  listed.truncated = page.truncated();
  listed.last = page.last_entry();
  listed.count = page.entry_count();
  return listed;
}

const std::vector<std::string> kKeys = {
    "a.txt", "photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg",
    "z.txt"};

TEST(ObjectListing, FlatListingStopsAtMaxKeysAndSaysWhereItStopped) {
  Listed page = list(kKeys, {"", "", "", 2});
  EXPECT_EQ(page.contents, (std::vector<std::string>{"a.txt", "photos/2024/a.jpg"}));
  EXPECT_TRUE(page.truncated);
  EXPECT_EQ(page.last, "photos/2024/a.jpg");
  Listed next = list(kKeys, {"", "", page.last, 1000});
  EXPECT_EQ(next.contents.size(), 4u);
  EXPECT_FALSE(next.truncated);
}

TEST(ObjectListing, DelimiterFoldsKeysIntoCommonPrefixesCountedOnce) {
  Listed page = list(kKeys, {"", "/", "", 1000});
  EXPECT_EQ(page.contents, (std::vector<std::string>{"a.txt", "z.txt"}));
  EXPECT_EQ(page.prefixes, (std::vector<std::string>{"photos/"}));
  EXPECT_EQ(page.count, 3u);
}

TEST(ObjectListing, PrefixAndDelimiterListOneFolderLevel) {
  Listed page = list(kKeys, {"photos/", "/", "", 1000});
  EXPECT_EQ(page.contents, (std::vector<std::string>{"photos/top.jpg"}));
  EXPECT_EQ(page.prefixes, (std::vector<std::string>{"photos/2024/", "photos/2025/"}));
}

TEST(ObjectListing, APageResumedAfterACommonPrefixDoesNotRepeatIt) {
  Listed first = list(kKeys, {"photos/", "/", "", 1});
  EXPECT_EQ(first.prefixes, (std::vector<std::string>{"photos/2024/"}));
  EXPECT_TRUE(first.truncated);
  Listed second = list(kKeys, {"photos/", "/", first.last, 1});
  EXPECT_EQ(second.prefixes, (std::vector<std::string>{"photos/2025/"}));
  Listed third = list(kKeys, {"photos/", "/", second.last, 1});
  EXPECT_EQ(third.contents, (std::vector<std::string>{"photos/top.jpg"}));
  EXPECT_FALSE(third.truncated);
}

TEST(ObjectListing, KeysOutsideThePrefixEndThePage) {
  Listed page = list(kKeys, {"photos/2024/", "", "", 1000});
  EXPECT_EQ(page.contents.size(), 2u);
  EXPECT_FALSE(page.truncated);
}

TEST(ObjectListing, ZeroMaxKeysListsNothingAndIsNotTruncated) {
  Listed page = list(kKeys, {"", "", "", 0});
  EXPECT_TRUE(page.contents.empty());
  EXPECT_FALSE(page.truncated);
}

}  // namespace
}  // namespace spawn::localcloud
