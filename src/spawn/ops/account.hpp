// Who the credentials belong to: the account id (tags, the agent bucket's name) and
// the caller's ARN (the spawn:iam-user tag). One STS call, remembered per endpoint
// and access key so a warm launch does not spend a round trip on it.
#pragma once

#include <filesystem>
#include <optional>

#include "aws/session.hpp"
#include "aws/sts.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// The cached identity of this session's credentials, when there is one.
std::optional<aws::CallerIdentity> cached_identity(aws::Session& session,
                                                   const std::filesystem::path& data_dir);

// Asks STS (GetCallerIdentity) and caches the answer.
Result<aws::CallerIdentity> fetch_identity(aws::Session& session,
                                           const std::filesystem::path& data_dir);

}  // namespace spawn::ops
