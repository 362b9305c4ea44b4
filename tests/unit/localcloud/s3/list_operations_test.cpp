#include "localcloud/services/s3/list_operations.hpp"

#include <gtest/gtest.h>

#include "aws/s3_documents.hpp"
#include "aws/xml.hpp"
#include "s3_harness.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {
namespace {

using testing::error_of;
using testing::expect_ok;
using testing::parse_xml;

const std::vector<std::string> kKeys = {"a b+c.txt", "docs/guide.md", "docs/img/logo.png",
                                        "docs/img/photo.jpg", "z\xE2\x9C\x93.txt"};

class ListOperations : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(s3.s3().create_bucket("listed"));
    for (const std::string& key : kKeys)
      ASSERT_TRUE(s3.s3().put_object({"listed", key, "x" + key, "", {}, {}}));
  }

  std::vector<std::string> texts(const testing::Xml& xml, std::string_view list,
                                 std::string_view field) {
    std::vector<std::string> values;
    for (pugi::xml_node node : aws::xml::children(xml.root(), list))
      values.push_back(aws::xml::text(node, field));
    return values;
  }

  testing::S3Harness s3{testing::fresh_state_dir()};
};

TEST_F(ListOperations, SpawnPagesThroughEveryKeyWithUrlEncoding) {
  std::vector<std::string> seen;
  aws::ListObjectsRequest request{"listed", "", {}};
  request.page.max_results = 2;
  int pages = 0;
  while (true) {
    auto page = s3.s3().list_objects(request);
    ASSERT_TRUE(page.has_value()) << page.error().message;
    ++pages;
    for (const auto& summary : page->items) {
      seen.push_back(summary.key);
      EXPECT_EQ(summary.size, static_cast<std::int64_t>(summary.key.size() + 1));
      EXPECT_EQ(summary.last_modified, testing::kStartTime);
    }
    if (page->next_token.empty())
      break;
    request.page.next_token = page->next_token;
  }
  EXPECT_EQ(seen, kKeys);
  EXPECT_EQ(pages, 3);
}

TEST_F(ListOperations, DelimiterGivesCommonPrefixesAndKeyCount) {
  auto listing = parse_xml(expect_ok(s3.send("GET", "/listed?list-type=2&delimiter=%2F")));
  EXPECT_EQ(texts(listing, "Contents", "Key"),
            (std::vector<std::string>{"a b+c.txt", "z\xE2\x9C\x93.txt"}));
  EXPECT_EQ(texts(listing, "CommonPrefixes", "Prefix"), (std::vector<std::string>{"docs/"}));
  EXPECT_EQ(listing.text("KeyCount"), "3");
  EXPECT_EQ(listing.text("IsTruncated"), "false");
  EXPECT_EQ(listing.text("Delimiter"), "/");
  EXPECT_EQ(listing.text("Name"), "listed");
}

TEST_F(ListOperations, TheCliListingOfAFolderComesBackUrlEncoded) {
  auto listing = parse_xml(expect_ok(
      s3.send("GET", "/listed?list-type=2&prefix=docs%2F&delimiter=%2F&encoding-type=url")));
  EXPECT_EQ(listing.text("EncodingType"), "url");
  EXPECT_EQ(listing.text("Prefix"), "docs%2F");
  EXPECT_EQ(texts(listing, "Contents", "Key"), (std::vector<std::string>{"docs%2Fguide.md"}));
  EXPECT_EQ(texts(listing, "CommonPrefixes", "Prefix"),
            (std::vector<std::string>{"docs%2Fimg%2F"}));
  auto spaced =
      parse_xml(expect_ok(s3.send("GET", "/listed?list-type=2&prefix=a&encoding-type=url")));
  EXPECT_EQ(spaced.text("Contents/Key"), "a+b%2Bc.txt");  // as botocore's unquote_plus reads it
}

TEST_F(ListOperations, PagesWithADelimiterNeverRepeatAPrefix) {
  std::vector<std::string> entries;
  std::string token;
  for (int page = 0; page < 10; ++page) {
    std::string target = "/listed?list-type=2&delimiter=%2F&max-keys=1";
    if (!token.empty())
      target += "&continuation-token=" + uri_encode(token);
    auto listing = parse_xml(expect_ok(s3.send("GET", target)));
    for (auto key : texts(listing, "Contents", "Key"))
      entries.push_back(key);
    for (auto prefix : texts(listing, "CommonPrefixes", "Prefix"))
      entries.push_back(prefix);
    EXPECT_EQ(listing.text("KeyCount"), "1");
    token = listing.text("NextContinuationToken");
    if (listing.text("IsTruncated") == "false")
      break;
    EXPECT_FALSE(token.empty());
  }
  EXPECT_EQ(entries, (std::vector<std::string>{"a b+c.txt", "docs/", "z\xE2\x9C\x93.txt"}));
}

TEST_F(ListOperations, StartAfterSkipsEarlierKeys) {
  auto listing =
      parse_xml(expect_ok(s3.send("GET", "/listed?list-type=2&start-after=docs%2Fimg%2Flogo.png")));
  EXPECT_EQ(texts(listing, "Contents", "Key"),
            (std::vector<std::string>{"docs/img/photo.jpg", "z\xE2\x9C\x93.txt"}));
  EXPECT_EQ(listing.text("StartAfter"), "docs/img/logo.png");
}

TEST_F(ListOperations, VersionOneListingUsesMarkers) {
  auto first = parse_xml(expect_ok(s3.send("GET", "/listed?max-keys=2")));
  EXPECT_EQ(aws::xml::local_name(first.root()), "ListBucketResult");
  EXPECT_EQ(first.text("IsTruncated"), "true");
  EXPECT_EQ(first.text("NextMarker"), "docs/guide.md");
  EXPECT_FALSE(first.text("Contents/Owner/ID").empty());
  auto rest = parse_xml(expect_ok(s3.send("GET", "/listed?marker=docs%2Fguide.md")));
  EXPECT_EQ(texts(rest, "Contents", "Key").size(), 3u);
  EXPECT_EQ(rest.text("Marker"), "docs/guide.md");
  EXPECT_EQ(rest.text("IsTruncated"), "false");
}

TEST_F(ListOperations, ContentsCarryEtagSizeAndStorageClass) {
  auto listing = parse_xml(expect_ok(s3.send("GET", "/listed?list-type=2&prefix=docs%2Fguide")));
  auto head = s3.s3().head_object("listed", "docs/guide.md");
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(listing.text("Contents/ETag"), head->etag);
  EXPECT_EQ(listing.text("Contents/Size"), "14");
  EXPECT_EQ(listing.text("Contents/StorageClass"), "STANDARD");
  EXPECT_EQ(listing.text("Contents/LastModified"), "2025-06-15T15:06:40.000Z");
}

TEST_F(ListOperations, BadListingsAreRefused) {
  EXPECT_EQ(error_of(s3.send("GET", "/absent?list-type=2")), "NoSuchBucket 404");
  EXPECT_EQ(error_of(s3.send("GET", "/listed?list-type=2&max-keys=many")), "InvalidArgument 400");
  EXPECT_EQ(error_of(s3.send("GET", "/listed?list-type=2&continuation-token=%21%21")),
            "InvalidArgument 400");
  EXPECT_EQ(error_of(s3.send("GET", "/listed?list-type=2&encoding-type=base64")),
            "InvalidArgument 400");
}

TEST_F(ListOperations, AnEmptyBucketListsNothing) {
  ASSERT_TRUE(s3.s3().create_bucket("empty"));
  auto listing = s3.s3().list_objects_all("empty", "");
  ASSERT_TRUE(listing.has_value());
  EXPECT_TRUE(listing->empty());
  EXPECT_EQ(parse_xml(expect_ok(s3.send("GET", "/empty?list-type=2"))).text("KeyCount"), "0");
}

}  // namespace
}  // namespace spawn::localcloud
