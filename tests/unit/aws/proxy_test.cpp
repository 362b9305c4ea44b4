#include "aws/proxy.hpp"

#include <gtest/gtest.h>

namespace spawn::aws {
namespace {

Url url(const char* text) {
  return *Url::parse(text);
}

ProxySettings settings_from(std::map<std::string, std::string, std::less<>> vars) {
  auto settings = ProxySettings::from_env(MapEnvironment(std::move(vars)));
  EXPECT_TRUE(settings) << settings.error().message;
  return settings.value_or(ProxySettings{});
}

TEST(Proxy, NoVariablesMeansDirect) {
  auto settings = settings_from({});
  EXPECT_FALSE(settings.proxy_for(url("https://ec2.us-east-1.amazonaws.com/")));
  EXPECT_FALSE(settings.proxy_for(url("http://127.0.0.1:4566/")));
}

TEST(Proxy, SchemeChoosesTheVariable) {
  auto settings = settings_from(
      {{"HTTPS_PROXY", "http://secure-proxy:3128"}, {"HTTP_PROXY", "http://plain-proxy:8080"}});
  auto for_https = settings.proxy_for(url("https://sts.amazonaws.com/"));
  ASSERT_TRUE(for_https);
  EXPECT_EQ(for_https->host, "secure-proxy");
  EXPECT_EQ(for_https->port, 3128);
  auto for_http = settings.proxy_for(url("http://example.com/"));
  ASSERT_TRUE(for_http);
  EXPECT_EQ(for_http->host, "plain-proxy");
  EXPECT_EQ(for_http->port, 8080);
}

TEST(Proxy, OnlyHttpsProxySetLeavesHttpDirect) {
  auto settings = settings_from({{"https_proxy", "http://p:1"}});
  EXPECT_TRUE(settings.proxy_for(url("https://h/")));
  EXPECT_FALSE(settings.proxy_for(url("http://h/")));
}

TEST(Proxy, LowerCaseWinsOverUpperCaseAndEmptyMeansUnset) {
  auto both = settings_from({{"https_proxy", "http://lower:1"}, {"HTTPS_PROXY", "http://upper:2"}});
  EXPECT_EQ(both.proxy_for(url("https://h/"))->host, "lower");
  auto empty_lower = settings_from({{"https_proxy", ""}, {"HTTPS_PROXY", "http://upper:2"}});
  EXPECT_EQ(empty_lower.proxy_for(url("https://h/"))->host, "upper");
}

TEST(Proxy, ProxyWithoutSchemeIsHttp) {
  auto settings = settings_from({{"HTTPS_PROXY", "corp-proxy:3128"}});
  auto proxy = settings.proxy_for(url("https://h/"));
  ASSERT_TRUE(proxy);
  EXPECT_EQ(proxy->scheme, "http");
  EXPECT_EQ(proxy->host, "corp-proxy");
  EXPECT_EQ(proxy->port, 3128);
}

TEST(Proxy, UnusableProxyUrlIsAUsageErrorNamingTheVariable) {
  for (const char* value : {"socks5://p:1080", "http://user:secret@p:3128", "http://p:notaport"}) {
    MapEnvironment env;
    env.set("https_proxy", value);
    auto settings = ProxySettings::from_env(env);
    ASSERT_FALSE(settings) << value;
    EXPECT_EQ(settings.error().kind, ErrorKind::usage);
    EXPECT_NE(settings.error().message.find("https_proxy="), std::string::npos)
        << settings.error().message;
    EXPECT_NE(settings.error().hint.find("http://proxy.example.com:3128"), std::string::npos);
  }
}

class NoProxy : public ::testing::Test {
 protected:
  bool direct(const char* no_proxy, const char* target) {
    auto settings = settings_from({{"HTTPS_PROXY", "http://p:3128"}, {"NO_PROXY", no_proxy}});
    return !settings.proxy_for(url(target));
  }
};

TEST_F(NoProxy, ExactHostMatchesOnlyThatHostAndItsSubdomains) {
  EXPECT_TRUE(direct("example.com", "https://example.com/"));
  EXPECT_TRUE(direct("example.com", "https://api.example.com/"));
  EXPECT_FALSE(direct("example.com", "https://badexample.com/"));
  EXPECT_FALSE(direct("example.com", "https://example.com.evil.net/"));
}

TEST_F(NoProxy, LeadingDotMatchesTheDomainAndSubdomains) {
  EXPECT_TRUE(direct(".amazonaws.com", "https://ec2.us-east-1.amazonaws.com/"));
  EXPECT_TRUE(direct(".amazonaws.com", "https://amazonaws.com/"));
  EXPECT_FALSE(direct(".amazonaws.com", "https://notamazonaws.com/"));
}

TEST_F(NoProxy, ListsSeparatedByCommasOrSpacesAndCaseInsensitive) {
  EXPECT_TRUE(direct("localhost, 169.254.169.254 ,.Internal", "https://svc.INTERNAL/"));
  EXPECT_TRUE(direct("a.com b.com", "https://b.com/"));
  EXPECT_TRUE(direct("localhost,169.254.169.254", "http://169.254.169.254/latest"));
  EXPECT_FALSE(direct("localhost,169.254.169.254", "https://169.254.169.25/"));
}

TEST_F(NoProxy, PortsOnEntriesAreIgnored) {
  EXPECT_TRUE(direct("localhost:8080", "https://localhost:4566/"));
  EXPECT_TRUE(direct("[::1]:80", "https://[::1]:4566/"));
}

TEST_F(NoProxy, Ipv6LiteralsMatchWithOrWithoutBrackets) {
  EXPECT_TRUE(direct("::1", "https://[::1]/"));
  EXPECT_TRUE(direct("[fd00:ec2::254]", "https://[fd00:ec2::254]/"));
  EXPECT_FALSE(direct("::1", "https://[::2]/"));
}

TEST_F(NoProxy, StarBypassesEverythingAndEmptyEntriesNothing) {
  EXPECT_TRUE(direct("*", "https://anything.example/"));
  EXPECT_FALSE(direct(",,", "https://anything.example/"));
  EXPECT_FALSE(direct(".", "https://anything.example/"));
}

TEST(Proxy, LowerCaseNoProxyIsRead) {
  auto settings = settings_from({{"https_proxy", "http://p:3128"}, {"no_proxy", "h"}});
  EXPECT_FALSE(settings.proxy_for(url("https://h/")));
  EXPECT_EQ(settings.no_proxy, (std::vector<std::string>{"h"}));
}

}  // namespace
}  // namespace spawn::aws
