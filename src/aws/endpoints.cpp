// Standard endpoints are https://<prefix>.<region>.<partition suffix>. The
// exceptions spawn meets: IAM is global per partition (one host, signed for the
// partition's home region), and the IAM Identity Center portal's host prefix is
// "portal.sso" while its signing name is "awsssoportal". Facts from botocore's
// endpoints.json (Debian awscli 2.9.19).
#include "aws/endpoints.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>

#include <array>

#include "aws/region.hpp"
#include "util/strings.hpp"

namespace spawn::aws {

namespace {

struct Partition {
  std::string_view region_prefix;       // regions starting with this belong to the partition
  std::string_view dns_suffix;          // "amazonaws.com"
  std::string_view iam_host;            // the partition's one IAM endpoint
  std::string_view iam_signing_region;  // the region IAM requests are signed for
};

constexpr Partition kAwsPartition{"", "amazonaws.com", "iam.amazonaws.com", "us-east-1"};
constexpr std::array kOtherPartitions{
    Partition{"cn-", "amazonaws.com.cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
    Partition{"us-gov-", "amazonaws.com", "iam.us-gov.amazonaws.com", "us-gov-west-1"},
    Partition{"us-iso-", "c2s.ic.gov", "iam.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"},
    Partition{"us-isob-", "sc2s.sgov.gov", "iam.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"},
};

// Every service spawn calls, for reading their per-service overrides.
const std::array<const ServiceInfo*, 9> kKnownServices{
    &services::ec2,      &services::iam,       &services::sts,    &services::ssm, &services::s3,
    &services::dynamodb, &services::scheduler, &services::lambda, &services::sso,
};

const Partition& partition_of(std::string_view region) {
  for (const auto& partition : kOtherPartitions) {
    if (region.starts_with(partition.region_prefix))
      return partition;
  }
  return kAwsPartition;
}

std::string_view host_prefix(const ServiceInfo& service) {
  return &service == &services::sso ? std::string_view("portal.sso") : service.name;
}

Result<Url> parse_endpoint(std::string_view text, std::string_view setting) {
  auto url = Url::parse(text);
  if (!url) {
    return fail(ErrorKind::usage,
                fmt::format("{} is not a usable endpoint URL: {}", setting, url.error().message));
  }
  if (url->path.empty())
    url->path.assign(1, '/');  // not = "/": GCC 12 -O2 warns -Wrestrict falsely
  return url;
}

bool ignores_configured_endpoints(const Environment& env, const Profile& profile) {
  auto setting = env.get_nonempty("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  if (!setting)
    setting = profile.get("ignore_configured_endpoint_urls");
  return setting && iequals(*setting, "true");
}

// Records `url` as the override for `service` (or globally when `service` is null).
Result<void> add_override(EndpointOverrides& overrides, const ServiceInfo* service, std::string url,
                          std::string_view setting) {
  if (auto parsed = parse_endpoint(url, setting); !parsed)
    return std::unexpected(parsed.error());
  if (service == nullptr) {
    overrides.global = std::move(url);
  } else {
    overrides.per_service[std::string(service->env_name)] = std::move(url);
  }
  return {};
}

// AWS_ENDPOINT_URL_<SERVICE>, else (when AWS_ENDPOINT_URL is unset) the services section.
Result<void> add_service_override(EndpointOverrides& overrides, const ServiceInfo& service,
                                  const Environment& env, const Profile& profile,
                                  bool global_env_set) {
  std::string variable = fmt::format("AWS_ENDPOINT_URL_{}", service.env_name);
  if (auto url = env.get_nonempty(variable))
    return add_override(overrides, &service, *url, variable);
  if (global_env_set)
    return {};
  std::string key = fmt::format("{}.endpoint_url", to_lower(service.env_name));
  auto it = profile.services.find(key);
  if (it == profile.services.end() || it->second.empty())
    return {};
  return add_override(overrides, &service, it->second,
                      fmt::format("{} in the services section of profile {}", key, profile.name));
}

}  // namespace

Result<EndpointOverrides> endpoint_overrides_from(const std::optional<std::string>& flag,
                                                  const Environment& env, const Profile& profile) {
  EndpointOverrides overrides;
  if (flag) {
    if (auto added = add_override(overrides, nullptr, *flag, "--endpoint-url"); !added) {
      return std::unexpected(added.error());
    }
    return overrides;
  }
  if (ignores_configured_endpoints(env, profile))
    return overrides;
  auto env_global = env.get_nonempty("AWS_ENDPOINT_URL");
  for (const ServiceInfo* service : kKnownServices) {
    auto added = add_service_override(overrides, *service, env, profile, env_global.has_value());
    if (!added)
      return std::unexpected(added.error());
  }
  Result<void> added;
  if (env_global) {
    added = add_override(overrides, nullptr, *env_global, "AWS_ENDPOINT_URL");
  } else if (auto url = profile.get("endpoint_url")) {
    added = add_override(overrides, nullptr, *url,
                         fmt::format("endpoint_url of profile {}", profile.name));
  }
  if (!added)
    return std::unexpected(added.error());
  return overrides;
}

Result<Url> EndpointResolver::endpoint(const ServiceInfo& service, std::string_view region) const {
  if (auto it = overrides_.per_service.find(service.env_name); it != overrides_.per_service.end()) {
    return parse_endpoint(it->second, fmt::format("the endpoint for {}", service.name));
  }
  if (overrides_.global)
    return parse_endpoint(*overrides_.global, "the endpoint URL");
  const Partition& partition = partition_of(region);
  if (service.global)
    return Url{"https", std::string(partition.iam_host), 443, "/", ""};
  // The region becomes part of a host name: refuse anything that is not region-shaped.
  if (auto valid = validate_region(region, "the request"); !valid) {
    return std::unexpected(valid.error());
  }
  std::string host = fmt::format("{}.{}.{}", host_prefix(service), region, partition.dns_suffix);
  return Url{"https", std::move(host), 443, "/", ""};
}

std::string EndpointResolver::signing_region(const ServiceInfo& service,
                                             std::string_view region) const {
  if (service.global)
    return std::string(partition_of(region).iam_signing_region);
  return std::string(region);
}

bool EndpointResolver::overridden(const ServiceInfo& service) const {
  return overrides_.global.has_value() || overrides_.per_service.contains(service.env_name);
}

bool is_ip_address(std::string_view host) {
  std::string text(host);
  if (text.starts_with('[') && text.ends_with(']'))
    text = text.substr(1, text.size() - 2);
  std::array<unsigned char, sizeof(in6_addr)> address{};
  return inet_pton(AF_INET, text.c_str(), address.data()) == 1 ||
         inet_pton(AF_INET6, text.c_str(), address.data()) == 1;
}

}  // namespace spawn::aws
