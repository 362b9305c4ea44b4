// The STS operations, each answering one request on behalf of the caller
// named by request.access_key_id.
#pragma once

#include <string_view>

#include "localcloud/api/api.hpp"
#include "localcloud/auth/credential_store.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud::sts {

inline constexpr std::string_view kStsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

// Account, Arn and UserId of the caller's key: the account root for long-term keys, the
// assumed role for temporary ones.
ApiOutcome get_caller_identity(const ResourceStore& store, const CredentialStore& credentials,
                               const ApiRequest& request);

// Temporary credentials for the role RoleArn names; AccessDenied when there is no such role.
ApiOutcome assume_role(const ResourceStore& store, CredentialStore& credentials,
                       const ApiRequest& request);

}  // namespace spawn::localcloud::sts
