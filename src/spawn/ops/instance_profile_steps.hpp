// The single IAM calls ensure_instance_profile() is made of (instance_profile*.cpp
// only). Each runs on a thread of its own over its own copy of the client, treats
// "a concurrent launch did it first" as success, retries briefly while IAM has not
// yet caught up with a role created a moment ago, and records its undo step in the
// saga only for what it really created.
#pragma once

#include "aws/client.hpp"
#include "spawn/ops/saga.hpp"
#include "util/result.hpp"

namespace spawn::ops::profile_steps {

// Whether a resource was made by this call or was there already.
enum class Outcome { created, existed };

// CreateRole spored-instance-role with the EC2 trust policy (EntityAlreadyExists: existed).
Result<Outcome> create_role(const aws::AwsClient& client, Saga& saga);
// CreateInstanceProfile spored-instance-profile (EntityAlreadyExists: existed).
Result<Outcome> create_profile(const aws::AwsClient& client, Saga& saga);
// PutRolePolicy spored-policy = core::spored_role_policy(); undone only if `role` was created.
Result<void> put_spored_policy(const aws::AwsClient& client, Outcome role, Saga& saga);
// AttachRolePolicy AmazonSSMManagedInstanceCore; undone only if `role` was created.
Result<void> attach_session_manager(const aws::AwsClient& client, Outcome role, Saga& saga);
// AddRoleToInstanceProfile (LimitExceeded: a concurrent launch added it first).
Result<void> add_role_to_profile(const aws::AwsClient& client, Saga& saga);

}  // namespace spawn::ops::profile_steps
