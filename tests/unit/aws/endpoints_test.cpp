#include "aws/endpoints.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace spawn::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string url_of(const EndpointResolver& resolver, const ServiceInfo& service,
                   std::string_view region) {
  auto url = resolver.endpoint(service, region);
  EXPECT_TRUE(url.has_value()) << url.error().message;
  return url ? url->to_string() : "";
}

Profile profile_with(ConfigValues values, ConfigValues services = {}) {
  return Profile{"dev", std::move(values), {}, std::move(services)};
}

TEST(StandardEndpoints, RegionalServicesUseServiceDotRegion) {
  EndpointResolver resolver;
  EXPECT_EQ(url_of(resolver, services::ec2, "eu-west-1"), "https://ec2.eu-west-1.amazonaws.com/");
  EXPECT_EQ(url_of(resolver, services::sts, "us-west-2"), "https://sts.us-west-2.amazonaws.com/");
  EXPECT_EQ(url_of(resolver, services::s3, "us-east-1"), "https://s3.us-east-1.amazonaws.com/");
  EXPECT_EQ(url_of(resolver, services::ssm, "ap-south-1"), "https://ssm.ap-south-1.amazonaws.com/");
  EXPECT_EQ(resolver.signing_region(services::ec2, "eu-west-1"), "eu-west-1");
}

TEST(StandardEndpoints, SsoPortalHasItsOwnHostPrefix) {
  EndpointResolver resolver;
  EXPECT_EQ(url_of(resolver, services::sso, "eu-west-1"),
            "https://portal.sso.eu-west-1.amazonaws.com/");
  EXPECT_EQ(resolver.signing_region(services::sso, "eu-west-1"), "eu-west-1");
}

TEST(StandardEndpoints, IamIsGlobalPerPartition) {
  EndpointResolver resolver;
  EXPECT_EQ(url_of(resolver, services::iam, "eu-west-1"), "https://iam.amazonaws.com/");
  EXPECT_EQ(resolver.signing_region(services::iam, "eu-west-1"), "us-east-1");
  EXPECT_EQ(url_of(resolver, services::iam, "cn-northwest-1"),
            "https://iam.cn-north-1.amazonaws.com.cn/");
  EXPECT_EQ(resolver.signing_region(services::iam, "cn-northwest-1"), "cn-north-1");
  EXPECT_EQ(url_of(resolver, services::iam, "us-gov-east-1"), "https://iam.us-gov.amazonaws.com/");
  EXPECT_EQ(resolver.signing_region(services::iam, "us-gov-east-1"), "us-gov-west-1");
}

TEST(StandardEndpoints, ChinaRegionsUseTheChinaSuffix) {
  EndpointResolver resolver;
  EXPECT_EQ(url_of(resolver, services::ec2, "cn-north-1"),
            "https://ec2.cn-north-1.amazonaws.com.cn/");
  EXPECT_EQ(url_of(resolver, services::ec2, "us-gov-west-1"),
            "https://ec2.us-gov-west-1.amazonaws.com/");
}

TEST(StandardEndpoints, RefuseARegionThatIsNotRegionShaped) {
  EndpointResolver resolver;
  auto url = resolver.endpoint(services::ec2, "evil.example.com/x");
  ASSERT_FALSE(url.has_value());
  EXPECT_EQ(url.error().kind, ErrorKind::usage);
}

TEST(EndpointResolver, PerServiceOverrideBeatsGlobal) {
  EndpointResolver resolver(
      EndpointOverrides{"http://127.0.0.1:4566", {{"STS", "http://sts.local:1"}}});
  EXPECT_EQ(url_of(resolver, services::sts, "us-east-1"), "http://sts.local:1/");
  EXPECT_EQ(url_of(resolver, services::ec2, "us-east-1"), "http://127.0.0.1:4566/");
  EXPECT_TRUE(resolver.overridden(services::ec2));
  EXPECT_FALSE(EndpointResolver().overridden(services::ec2));
  EXPECT_EQ(resolver.signing_region(services::iam, "eu-west-1"), "us-east-1");
}

TEST(EndpointOverridesFrom, FlagBeatsEverything) {
  MapEnvironment env(
      {{"AWS_ENDPOINT_URL", "http://env:1"}, {"AWS_ENDPOINT_URL_EC2", "http://ec2env:1"}});
  auto profile = profile_with({{"endpoint_url", "http://profile:1"}});
  auto overrides = endpoint_overrides_from("http://flag:1", env, profile);
  ASSERT_TRUE(overrides.has_value()) << overrides.error().message;
  EndpointResolver resolver(*overrides);
  EXPECT_EQ(url_of(resolver, services::ec2, "us-east-1"), "http://flag:1/");
  EXPECT_EQ(url_of(resolver, services::sts, "us-east-1"), "http://flag:1/");
}

TEST(EndpointOverridesFrom, FollowsTheAwsCliPrecedence) {
  MapEnvironment env;
  env.set("AWS_ENDPOINT_URL_EC2", "http://ec2-env:1");
  auto profile = profile_with({{"endpoint_url", "http://profile-global:1"}, {"services", "s"}},
                              {{"sts", ""},
                               {"sts.endpoint_url", "http://sts-profile:1"},
                               {"ec2.endpoint_url", "http://ec2-profile:1"}});
  auto overrides = endpoint_overrides_from(std::nullopt, env, profile);
  ASSERT_TRUE(overrides.has_value()) << overrides.error().message;
  EndpointResolver resolver(*overrides);
  // service env var > service in the services section > profile endpoint_url
  EXPECT_EQ(url_of(resolver, services::ec2, "us-east-1"), "http://ec2-env:1/");
  EXPECT_EQ(url_of(resolver, services::sts, "us-east-1"), "http://sts-profile:1/");
  EXPECT_EQ(url_of(resolver, services::ssm, "us-east-1"), "http://profile-global:1/");
  // AWS_ENDPOINT_URL beats anything from the config file, but not a service env var.
  env.set("AWS_ENDPOINT_URL", "http://global-env:1");
  EndpointResolver with_global(endpoint_overrides_from(std::nullopt, env, profile).value());
  EXPECT_EQ(url_of(with_global, services::ec2, "us-east-1"), "http://ec2-env:1/");
  EXPECT_EQ(url_of(with_global, services::sts, "us-east-1"), "http://global-env:1/");
  EXPECT_EQ(url_of(with_global, services::ssm, "us-east-1"), "http://global-env:1/");
}

TEST(EndpointOverridesFrom, IgnoreConfiguredEndpointUrlsKeepsOnlyTheFlag) {
  MapEnvironment env(
      {{"AWS_ENDPOINT_URL", "http://env:1"}, {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}});
  auto profile = profile_with({{"endpoint_url", "http://profile:1"}});
  auto overrides = endpoint_overrides_from(std::nullopt, env, profile);
  ASSERT_TRUE(overrides.has_value());
  EXPECT_FALSE(overrides->global.has_value());
  EXPECT_THAT(overrides->per_service, IsEmpty());
  auto with_flag = endpoint_overrides_from("http://flag:1", env, profile);
  EXPECT_EQ(with_flag->global, "http://flag:1");
  env.unset("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  auto ignored_by_profile = endpoint_overrides_from(
      std::nullopt, env,
      profile_with({{"endpoint_url", "http://p:1"}, {"ignore_configured_endpoint_urls", "true"}}));
  EXPECT_FALSE(ignored_by_profile->global.has_value());
}

TEST(EndpointOverridesFrom, BadUrlIsAUsageErrorNamingTheSetting) {
  MapEnvironment env;
  env.set("AWS_ENDPOINT_URL_STS", "localhost:4566");
  auto overrides = endpoint_overrides_from(std::nullopt, env, profile_with({}));
  ASSERT_FALSE(overrides.has_value());
  EXPECT_EQ(overrides.error().kind, ErrorKind::usage);
  EXPECT_THAT(overrides.error().message, HasSubstr("AWS_ENDPOINT_URL_STS"));
  auto from_flag = endpoint_overrides_from("ftp://x", MapEnvironment{}, profile_with({}));
  ASSERT_FALSE(from_flag.has_value());
  EXPECT_THAT(from_flag.error().message, HasSubstr("--endpoint-url"));
}

TEST(IsIpAddress, RecognisesIpv4AndIpv6Literals) {
  EXPECT_TRUE(is_ip_address("127.0.0.1"));
  EXPECT_TRUE(is_ip_address("::1"));
  EXPECT_TRUE(is_ip_address("[::1]"));
  EXPECT_TRUE(is_ip_address("fd00:ec2::254"));
  EXPECT_FALSE(is_ip_address("localhost"));
  EXPECT_FALSE(is_ip_address("s3.amazonaws.com"));
  EXPECT_FALSE(is_ip_address("1.2.3"));
  EXPECT_FALSE(is_ip_address(""));
}

}  // namespace
}  // namespace spawn::aws
