#include "aws/sigv4_canonical.hpp"

#include <gtest/gtest.h>

namespace spawn::aws {
namespace {

TEST(SigV4Canonical, NormalizePathDropsDotSegmentsAndEmptySegments) {
  EXPECT_EQ(normalize_path(""), "/");
  EXPECT_EQ(normalize_path("/"), "/");
  EXPECT_EQ(normalize_path("//"), "/");
  EXPECT_EQ(normalize_path("/./"), "/");
  EXPECT_EQ(normalize_path("/a/b/../c"), "/a/c");
  EXPECT_EQ(normalize_path("/a/../../b"), "/b");
  EXPECT_EQ(normalize_path("//a//b//"), "/a/b/");
  EXPECT_EQ(normalize_path("/a/."), "/a");  // botocore: no trailing slash after a dot segment
  EXPECT_EQ(normalize_path("/a/.."), "/");
  EXPECT_EQ(normalize_path("/.hidden/..."), "/.hidden/...");
}

TEST(SigV4Canonical, CanonicalUriDependsOnThePathHandling) {
  EXPECT_EQ(canonical_uri("/a%20b//c d/../e", PathHandling::normalize_and_encode), "/a%2520b/e");
  EXPECT_EQ(canonical_uri("/a%20b//c d/../e", PathHandling::encode_only), "/a%2520b//c%20d/../e");
  EXPECT_EQ(canonical_uri("/a%20b//c d/../e", PathHandling::as_is), "/a%20b//c d/../e");
  EXPECT_EQ(canonical_uri("", PathHandling::as_is), "/");
  EXPECT_EQ(canonical_uri("/~user/$x", PathHandling::normalize_and_encode), "/~user/%24x");
}

TEST(SigV4Canonical, QuerySortsByEncodedKeyThenValue) {
  EXPECT_EQ(canonical_query("b=2&a=2&a=1&A=3"), "A=3&a=1&a=2&b=2");
  EXPECT_EQ(canonical_query("Param-3=x&Param=y"), "Param=y&Param-3=x");
}

TEST(SigV4Canonical, QueryEncodesRawAndEncodedSpellingsAlike) {
  EXPECT_EQ(canonical_query("prefix=some prefix/&k\xe1\x88\xb4=v"),
            canonical_query("prefix=some%20prefix%2F&k%E1%88%B4=v"));
  EXPECT_EQ(canonical_query("prefix=some%20prefix%2F"), "prefix=some%20prefix%2F");
  EXPECT_EQ(canonical_query("v=%7e"), "v=~");
}

TEST(SigV4Canonical, QueryKeepsEqualsForEmptyValuesAndSkipsEmptyFields) {
  EXPECT_EQ(canonical_query("acl"), "acl=");
  EXPECT_EQ(canonical_query("a=&b"), "a=&b=");
  EXPECT_EQ(canonical_query("a=1&&b=2&"), "a=1&b=2");
  EXPECT_EQ(canonical_query(""), "");
}

TEST(SigV4Canonical, QueryTreatsPlusAsALiteralAndKeepsBrokenEscapes) {
  EXPECT_EQ(canonical_query("q=a+b"), "q=a%2Bb");
  EXPECT_EQ(canonical_query("q=100%&r=%zz"), "q=100%25&r=%25zz");
  EXPECT_EQ(canonical_query("q=a=b"), "q=a%3Db");
}

TEST(SigV4Canonical, HeaderValuesAreTrimmedAndCollapsed) {
  EXPECT_EQ(canonical_header_value("  value1  "), "value1");
  EXPECT_EQ(canonical_header_value("\"a   b\t\tc\""), "\"a b c\"");
  EXPECT_EQ(canonical_header_value("value1\n  value2\r\n     value3"), "value1 value2 value3");
  EXPECT_EQ(canonical_header_value(""), "");
}

TEST(SigV4Canonical, HeadersToSignAlwaysIncludeHostAndSkipTheDenyList) {
  Headers headers = {{"User-Agent", "x"},
                     {"X-Amz-Date", "d"},
                     {"My-Header", "1"},
                     {"my-header", "2"},
                     {"amz-sdk-invocation-id", "u"},
                     {"Authorization", "a"},
                     {"Transfer-Encoding", "chunked"},
                     {"Content-Type", "t"}};
  EXPECT_EQ(headers_to_sign(headers),
            (std::vector<std::string>{"content-type", "host", "my-header", "x-amz-date"}));
  EXPECT_TRUE(is_unsigned_header("EXPECT"));
  EXPECT_TRUE(is_unsigned_header("x-amzn-trace-id"));
  EXPECT_FALSE(is_unsigned_header("content-length"));
  EXPECT_FALSE(is_unsigned_header("x-amz-security-token"));
}

TEST(SigV4Canonical, RepeatedHeadersBecomeOneLineInOrder) {
  HttpRequest request;
  request.url = Url::parse("http://127.0.0.1:8080/").value();
  request.headers = {{"My-Header1", "value4"}, {"X-Amz-Date", "d"}, {"my-header1", " value1 "}};
  EXPECT_EQ(canonical_headers(request, {"host", "my-header1", "x-amz-date"}),
            "host:127.0.0.1:8080\nmy-header1:value4,value1\nx-amz-date:d\n");
}

TEST(SigV4Canonical, CanonicalRequestHasSixLinesInOrder) {
  HttpRequest request;
  request.method = "GET";
  request.url = Url::parse("https://example.amazonaws.com/x?b=2&a=1").value();
  request.headers = {{"Host", "example.amazonaws.com"}};
  EXPECT_EQ(canonical_request(request, {"host"}, PathHandling::normalize_and_encode, "HASH"),
            "GET\n/x\na=1&b=2\nhost:example.amazonaws.com\n\nhost\nHASH");
}

}  // namespace
}  // namespace spawn::aws
