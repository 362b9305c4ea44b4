#include "aws/region.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/strings.hpp"

namespace spawn::aws {

namespace {

bool every_char(std::string_view text, int (*predicate)(int)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [predicate](char c) {
    return predicate(static_cast<unsigned char>(c)) != 0;
  });
}

int is_lower_letter(int c) {
  return c >= 'a' && c <= 'z';
}
int is_digit(int c) {
  return c >= '0' && c <= '9';
}

// "us-east-1a" -> "us-east-1": an availability zone given where a region belongs.
std::optional<std::string_view> region_of_zone(std::string_view name) {
  std::string_view region = name;
  while (!region.empty() && is_lower_letter(region.back()))
    region.remove_suffix(1);
  if (region.size() == name.size() || region.empty() || !is_digit(region.back())) {
    return std::nullopt;
  }
  return region;
}

// partition-word[-word...]-number, with a 2 to 4 letter first word.
bool has_region_shape(std::string_view region) {
  auto parts = split(region, '-');
  if (parts.size() < 3 || parts.front().size() < 2 || parts.front().size() > 4)
    return false;
  if (!every_char(parts.back(), is_digit))
    return false;
  return std::all_of(parts.begin(), parts.end() - 1,
                     [](const std::string& part) { return every_char(part, is_lower_letter); });
}

struct Candidate {
  std::optional<std::string> region;
  std::string_view source;
};

Result<std::string> checked(std::string region, std::string_view source) {
  if (auto valid = validate_region(region, source); !valid)
    return std::unexpected(valid.error());
  return region;
}

std::string no_region_message(std::string_view imds_problem) {
  if (imds_problem.empty())
    return "no AWS region is set";
  return fmt::format("no AWS region is set (EC2 instance metadata gave none: {})", imds_problem);
}

std::string no_region_hint(const RegionSources& sources) {
  std::string profile = sources.profile != nullptr ? sources.profile->name : "default";
  return fmt::format(
      "Pass --region REGION, set AWS_REGION, or run `aws configure --profile {}` to set the "
      "region of profile {}.",
      profile, profile);
}

}  // namespace

Result<void> validate_region(std::string_view region, std::string_view source) {
  if (has_region_shape(region))
    return {};
  std::string hint = "region names look like us-east-1 or eu-west-2";
  if (auto zone_region = region_of_zone(region); zone_region && has_region_shape(*zone_region)) {
    hint = fmt::format("{} is an availability zone; its region is {}", region, *zone_region);
  }
  return fail(ErrorKind::usage,
              fmt::format("{} from {} is not an AWS region name: {}", region, source, hint));
}

Result<std::string> resolve_region(const RegionSources& sources, const Environment& env) {
  std::string profile_source =
      sources.profile != nullptr ? fmt::format("profile {}", sources.profile->name) : "";
  const Candidate candidates[] = {
      {sources.flag, "--region"},
      {env.get_nonempty("AWS_REGION"), "AWS_REGION"},
      {env.get_nonempty("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"},
      {sources.profile != nullptr ? sources.profile->get("region") : std::nullopt, profile_source},
  };
  for (const auto& candidate : candidates) {
    if (candidate.region && !candidate.region->empty()) {
      return checked(*candidate.region, candidate.source);
    }
  }
  std::string imds_problem;
  if (sources.imds) {
    auto region = sources.imds();
    if (region)
      return checked(std::string(trim(*region)), "EC2 instance metadata");
    imds_problem = region.error().message;
  }
  return fail(ErrorKind::usage, no_region_message(imds_problem), no_region_hint(sources));
}

}  // namespace spawn::aws
