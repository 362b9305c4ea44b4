// Where each service's requests go. Standard AWS endpoints per service and
// region, overridden the way the AWS CLI allows (--endpoint-url,
// AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, endpoint_url in a profile), so
// the same settings point spawn at localcloud, LocalStack or moto.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "aws/http.hpp"
#include "aws/profile.hpp"
#include "aws/service.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::aws {

struct EndpointOverrides {
  std::optional<std::string> global;  // --endpoint-url, AWS_ENDPOINT_URL or endpoint_url
  std::map<std::string, std::string, std::less<>> per_service;  // keyed by ServiceInfo::env_name
};

// The overrides in the AWS CLI's order: --endpoint-url for every service, else per service
// AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > the `services` section the profile names
// > the profile's endpoint_url. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (or the profile's
// ignore_configured_endpoint_urls) keeps only --endpoint-url. ErrorKind::usage, naming the
// setting, for a URL that does not parse.
Result<EndpointOverrides> endpoint_overrides_from(const std::optional<std::string>& flag,
                                                  const Environment& env, const Profile& profile);

class EndpointResolver {
 public:
  EndpointResolver() = default;
  explicit EndpointResolver(EndpointOverrides overrides) : overrides_(std::move(overrides)) {}

  // The base URL for `service` in `region` (path "/"). An override, when set, wins.
  Result<Url> endpoint(const ServiceInfo& service, std::string_view region) const;
  // The region a request to `service` is signed for: "us-east-1" for IAM in the aws partition.
  std::string signing_region(const ServiceInfo& service, std::string_view region) const;
  bool overridden(const ServiceInfo& service) const;

 private:
  EndpointOverrides overrides_;
};

// True when `host` is an IPv4 or IPv6 literal (S3 then uses path-style addressing).
bool is_ip_address(std::string_view host);

}  // namespace spawn::aws
