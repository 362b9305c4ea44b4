// Which AWS region a session talks to, resolved in the AWS CLI's order, and a
// check that a region name has the right shape before it becomes a host name.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "aws/profile.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// Asks the instance metadata service for placement/region (aws/imds.hpp). A function so
// tests and laptops need no IMDS.
using ImdsRegionLookup = std::function<Result<std::string>()>;

struct RegionSources {
  std::optional<std::string> flag;   // --region
  const Profile* profile = nullptr;  // its `region` setting; may be null
  ImdsRegionLookup imds;             // empty (IMDS disabled or unavailable): not asked
};

// --region > AWS_REGION > AWS_DEFAULT_REGION > the profile's region > IMDS. ErrorKind::usage
// when none gives a region or the one found is malformed.
Result<std::string> resolve_region(const RegionSources& sources, const Environment& env);

// ErrorKind::usage unless `region` looks like an AWS region name ("us-east-1",
// "us-gov-west-1", "cn-north-1"). `source` names where it came from, for the message.
Result<void> validate_region(std::string_view region, std::string_view source);

}  // namespace spawn::aws
