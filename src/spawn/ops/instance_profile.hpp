// The default IAM instance profile of spawn's instances (spec §3.8, default path):
// role `spored-instance-role` with spored's least-privilege inline policy
// (core::spored_role_policy) and AWS's AmazonSSMManagedInstanceCore (so Session
// Manager reaches instances without a public address), inside the instance profile
// `spored-instance-profile`. Created once per account and reused by every launch.
//
// Like the network step it is split in a read-only look-up (one call, run with the
// launch's other look-ups) and an ensure that creates what is missing, recording
// undo steps in the launch's saga. A profile created just now is not yet visible to
// EC2 (IAM propagates in seconds): RunInstances answers is_profile_propagation_error()
// for a while, and the launch retries it rather than sleeping a fixed time.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "aws/client.hpp"
#include "aws/iam.hpp"
#include "spawn/ops/saga.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// The names of the default path (cleanup finds them by these too).
inline constexpr std::string_view kDefaultInstanceRole = "spored-instance-role";
inline constexpr std::string_view kDefaultInstanceProfile = "spored-instance-profile";
inline constexpr std::string_view kSporedPolicyName = "spored-policy";
inline constexpr std::string_view kSessionManagerPolicyArn =
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
// How long a launch keeps retrying RunInstances while a new profile propagates (AWS
// usually needs about 10 s), and how long it waits between tries.
inline constexpr std::chrono::seconds kProfilePropagationDeadline{90};
inline constexpr std::chrono::seconds kProfilePropagationPoll{2};

struct ProfileLookup {
  std::optional<aws::InstanceProfile> profile{};  // absent: it does not exist yet
};

// GetInstanceProfile of spored-instance-profile (one call; NoSuchEntity is no error).
Result<ProfileLookup> look_up_instance_profile(aws::AwsClient& client);

struct ProfileChoice {
  std::string name{};
  // Created (or completed) now: RunInstances may need to retry while IAM propagates.
  bool created = false;
};

// The profile to launch with. One that exists with a role inside is used as it is (no
// call). Otherwise the role and profile are created in two rounds of concurrent calls:
// (CreateRole, CreateInstanceProfile), then (PutRolePolicy, AttachRolePolicy,
// AddRoleToInstanceProfile). Pieces a concurrent launch created first are used; what
// this call created gets undo steps in `saga`.
Result<ProfileChoice> ensure_instance_profile(aws::AwsClient& client, const ProfileLookup& found,
                                              Saga& saga);

// Whether RunInstances refused `error` because the instance profile it names is not
// visible to EC2 yet (InvalidParameterValue "Value (x) for parameter
// iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name", or .arn/ARN).
bool is_profile_propagation_error(const Error& error);

}  // namespace spawn::ops
