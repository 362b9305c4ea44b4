#include "aws/http.hpp"

#include <gtest/gtest.h>

namespace spawn::aws {
namespace {

TEST(Url, ParsesSchemeHostPortPathAndQuery) {
  auto url = Url::parse("http://127.0.0.1:4566/bucket/key%20x?list-type=2&prefix=a");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->scheme, "http");
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 4566);
  EXPECT_EQ(url->path, "/bucket/key%20x");
  EXPECT_EQ(url->query, "list-type=2&prefix=a");
}

TEST(Url, DefaultsPortAndPathFromScheme) {
  auto https = Url::parse("https://ec2.us-east-1.amazonaws.com");
  ASSERT_TRUE(https);
  EXPECT_EQ(https->port, 443);
  EXPECT_EQ(https->path, "/");
  EXPECT_EQ(https->query, "");
  auto http = Url::parse("HTTP://localhost");
  ASSERT_TRUE(http);
  EXPECT_EQ(http->scheme, "http");
  EXPECT_EQ(http->port, 80);
}

TEST(Url, AuthorityOmitsTheDefaultPortOnly) {
  EXPECT_EQ(Url::parse("https://sts.amazonaws.com:443/")->authority(), "sts.amazonaws.com");
  EXPECT_EQ(Url::parse("http://localhost:80/")->authority(), "localhost");
  EXPECT_EQ(Url::parse("http://localhost:443/")->authority(), "localhost:443");
  EXPECT_EQ(Url::parse("https://localhost:8443/")->authority(), "localhost:8443");
}

TEST(Url, Ipv6LiteralsKeepBracketsOnlyInTheAuthority) {
  auto url = Url::parse("http://[fd00:ec2::254]:8080/latest/api/token");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->host, "fd00:ec2::254");
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->authority(), "[fd00:ec2::254]:8080");
  EXPECT_EQ(url->to_string(), "http://[fd00:ec2::254]:8080/latest/api/token");
  auto no_port = Url::parse("https://[::1]/");
  ASSERT_TRUE(no_port);
  EXPECT_EQ(no_port->host, "::1");
  EXPECT_EQ(no_port->port, 443);
  EXPECT_EQ(no_port->authority(), "[::1]");
}

TEST(Url, TargetAndToStringRoundTrip) {
  const std::string text = "https://s3.eu-west-1.amazonaws.com:9000/b/k?x-id=GetObject";
  auto url = Url::parse(text);
  ASSERT_TRUE(url);
  EXPECT_EQ(url->target(), "/b/k?x-id=GetObject");
  EXPECT_EQ(url->to_string(), text);
  Url bare;
  bare.host = "example.com";
  bare.path = "";
  EXPECT_EQ(bare.target(), "/");
}

TEST(Url, QueryWithoutPathAndFragmentIsDropped) {
  auto url = Url::parse("http://h:1?a=b#frag");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->path, "/");
  EXPECT_EQ(url->query, "a=b");
}

TEST(Url, RejectsWhatItCannotSend) {
  for (const char* bad :
       {"ec2.amazonaws.com", "ftp://host/", "http://", "http://:80/", "http://host:/",
        "http://host:0/", "http://host:65536/", "http://host:8x/", "http://[::1/", "http://[::1]x/",
        "http://user:pw@host/"}) {
    auto url = Url::parse(bad);
    EXPECT_FALSE(url) << bad;
    if (!url) {
      EXPECT_EQ(url.error().kind, ErrorKind::usage) << bad;
      EXPECT_NE(url.error().message.find(bad), std::string::npos) << url.error().message;
    }
  }
}

TEST(Headers, FindIsCaseInsensitiveAndReturnsTheFirst) {
  Headers headers{{"X-Amz-Date", "1"}, {"x-amz-date", "2"}};
  EXPECT_EQ(find_header(headers, "X-AMZ-DATE"), "1");
  EXPECT_FALSE(find_header(headers, "Host"));
}

TEST(Headers, SetReplacesEveryCopyInPlace) {
  Headers headers{{"Host", "a"}, {"content-type", "x"}, {"HOST", "b"}};
  set_header(headers, "host", "c");
  EXPECT_EQ(headers, (Headers{{"Host", "c"}, {"content-type", "x"}}));
  set_header(headers, "X-Amz-Target", "AmazonSSM.GetParameter");
  EXPECT_EQ(headers.back(),
            (std::pair<std::string, std::string>{"X-Amz-Target", "AmazonSSM.GetParameter"}));
}

TEST(Headers, RemoveDropsEveryCopy) {
  Headers headers{{"Authorization", "a"}, {"Host", "h"}, {"authorization", "b"}};
  remove_header(headers, "AUTHORIZATION");
  EXPECT_EQ(headers, (Headers{{"Host", "h"}}));
}

TEST(HttpMessages, HeaderAccessorsUseTheSameLookup) {
  HttpRequest request;
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
  EXPECT_EQ(request.header("content-type"), "application/x-amz-json-1.1");
  HttpResponse response{200, {{"x-amzn-RequestId", "abc"}}, ""};
  EXPECT_EQ(response.header("X-Amzn-RequestId"), "abc");
  EXPECT_FALSE(response.header("Date"));
}

}  // namespace
}  // namespace spawn::aws
