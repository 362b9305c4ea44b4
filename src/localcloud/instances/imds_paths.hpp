// What IMDS answers for a GET of a path, as a pure function of the instance's
// metadata: the /latest/meta-data tree (with its directory listings, one entry per
// line), /latest/dynamic/instance-identity/document and /latest/user-data.
#pragma once

#include <expected>
#include <functional>
#include <string>
#include <string_view>

#include "localcloud/instances/metadata_source.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

// The text served, or the HTTP status to answer instead (404 when there is no such item).
using PathAnswer = std::expected<std::string, int>;

// Everything a path is answered from.
struct ImdsView {
  const InstanceMetadata& metadata;
  std::string_view user_data;  // as given at boot; "" when none
  SystemTime now;
  // The role's credentials; called only for iam/security-credentials/<role>.
  std::function<Result<AccessKey>()> credentials;
};

// The answer for `path` (the request target; a query string is ignored).
PathAnswer answer_path(std::string_view path, const ImdsView& view);

}  // namespace spawn::localcloud
