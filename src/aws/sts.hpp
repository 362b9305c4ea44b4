// STS: who am I, and temporary credentials for a role.
#pragma once

#include <optional>
#include <string>

#include "aws/client.hpp"
#include "aws/credentials.hpp"

namespace spawn::aws {

struct CallerIdentity {
  std::string account;  // "123456789012"
  std::string arn;      // "arn:aws:iam::123456789012:user/alice"
  std::string user_id;
};

struct AssumeRoleRequest {
  std::string role_arn;
  std::string session_name;
  std::string external_id;              // empty when not used
  std::optional<int> duration_seconds;  // AWS default (3600) when unset
};

class StsClient {
 public:
  explicit StsClient(AwsClient& client) : client_(client) {}
  Result<CallerIdentity> get_caller_identity();
  // Credentials for the role; source says "assumed role <arn>".
  Result<Credentials> assume_role(const AssumeRoleRequest& request);

 private:
  AwsClient& client_;
};

}  // namespace spawn::aws
