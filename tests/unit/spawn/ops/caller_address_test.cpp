#include "spawn/ops/caller_address.hpp"

#include <gtest/gtest.h>

#include "fake_transport.hpp"
#include "util/env.hpp"

namespace spawn::ops {
namespace {

using spawn::testing::FakeTransport;

class CallerCidrTest : public ::testing::Test {
 protected:
  Result<std::string> ask(std::string body, int status = 200) {
    transport.reply(status, std::move(body));
    return caller_cidr(transport, env);
  }
  FakeTransport transport;
  MapEnvironment env;
};

TEST_F(CallerCidrTest, AsksAwsCheckipAndAnswersASlash32) {
  auto cidr = ask("203.0.113.7\n");
  ASSERT_TRUE(cidr.has_value()) << cidr.error().message;
  EXPECT_EQ(*cidr, "203.0.113.7/32");
  ASSERT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(transport.requests[0].method, "GET");
  EXPECT_EQ(transport.requests[0].url.to_string(), "https://checkip.amazonaws.com/");
}

TEST_F(CallerCidrTest, TheUrlComesFromSpawnCheckipUrlWhenSet) {
  env.set("SPAWN_CHECKIP_URL", "http://127.0.0.1:8080/ip");
  ASSERT_TRUE(ask("198.51.100.1").has_value());
  EXPECT_EQ(transport.requests[0].url.host, "127.0.0.1");
  EXPECT_EQ(transport.requests[0].url.port, 8080);
  EXPECT_EQ(transport.requests[0].url.path, "/ip");
}

TEST_F(CallerCidrTest, AnythingButOneIpv4AddressIsRefusedWithTheSshFromHint) {
  for (std::string body :
       {"", "\n", "2001:db8::1\n", "203.0.113\n", "203.0.113.256\n", "203.0.113.07\n",
        "203.0.113.7 198.51.100.1\n", "<html>oops</html>", "203.0.113.7/32\n"}) {
    auto cidr = ask(body);
    ASSERT_FALSE(cidr.has_value()) << body;
    EXPECT_EQ(cidr.error().kind, ErrorKind::parse) << body;
    EXPECT_NE(cidr.error().hint.find("--ssh-from"), std::string::npos);
  }
}

TEST_F(CallerCidrTest, AnErrorStatusOrNoAnswerSuggestsSshFrom) {
  auto refused = ask("busy", 503);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("503"), std::string::npos);
  EXPECT_NE(refused.error().hint.find("--ssh-from"), std::string::npos);

  transport.fail_with(ErrorKind::timeout, "read timed out");
  auto unreachable = caller_cidr(transport, env);
  ASSERT_FALSE(unreachable.has_value());
  EXPECT_EQ(unreachable.error().kind, ErrorKind::timeout);
  EXPECT_NE(unreachable.error().message.find("checkip.amazonaws.com"), std::string::npos);
  EXPECT_NE(unreachable.error().hint.find("--ssh-from"), std::string::npos);
}

TEST(ParseIpv4, AcceptsOnlyStrictDottedQuads) {
  EXPECT_EQ(parse_ipv4("0.0.0.0").value_or(""), "0.0.0.0");
  EXPECT_EQ(parse_ipv4("255.255.255.255").value_or(""), "255.255.255.255");
  for (std::string_view bad : {"", "1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1.2.3.-4",
                               " 1.2.3.4", "1.2.3.4 ", "1..3.4", "a.b.c.d", "::1", "1.2.3.4/32"})
    EXPECT_FALSE(parse_ipv4(bad).has_value()) << bad;
}

TEST(ParseSshFrom, ABareAddressBecomesASlash32) {
  EXPECT_EQ(parse_ssh_from("203.0.113.7").value_or(""), "203.0.113.7/32");
}

TEST(ParseSshFrom, RangesKeepTheirPrefixWithHostBitsCleared) {
  EXPECT_EQ(parse_ssh_from("203.0.113.7/32").value_or(""), "203.0.113.7/32");
  EXPECT_EQ(parse_ssh_from("198.51.100.0/24").value_or(""), "198.51.100.0/24");
  EXPECT_EQ(parse_ssh_from("10.1.2.3/16").value_or(""), "10.1.0.0/16");
  EXPECT_EQ(parse_ssh_from("0.0.0.0/0").value_or(""), "0.0.0.0/0");
  EXPECT_EQ(parse_ssh_from("192.0.2.1/0").value_or(""), "0.0.0.0/0");
}

TEST(ParseSshFrom, AnythingElseIsAUsageErrorWithAnExample) {
  for (std::string_view bad :
       {"", "203.0.113.7/33", "203.0.113.7/", "203.0.113.7/-1", "203.0.113.7/024", "203.0.113/24",
        "2001:db8::/32", "me", "203.0.113.7/32/1", "/32"}) {
    auto parsed = parse_ssh_from(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().kind, ErrorKind::usage) << bad;
    EXPECT_NE(parsed.error().message.find("--ssh-from"), std::string::npos);
    EXPECT_NE(parsed.error().hint.find("203.0.113.7"), std::string::npos);
  }
}

}  // namespace
}  // namespace spawn::ops
