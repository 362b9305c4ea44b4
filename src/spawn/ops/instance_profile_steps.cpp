#include "spawn/ops/instance_profile_steps.hpp"

#include <fmt/format.h>

#include <chrono>
#include <functional>
#include <memory>

#include "aws/iam.hpp"
#include "core/spored_role_policy.hpp"
#include "spawn/ops/instance_profile.hpp"

namespace spawn::ops::profile_steps {
namespace {

// IAM is eventually consistent even with itself: a role created a moment ago may
// still be NoSuchEntity to the next call for a few seconds.
constexpr std::chrono::seconds kCatchUpDeadline{20};
constexpr std::chrono::milliseconds kCatchUpPoll{500};

constexpr std::string_view kEc2TrustPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
    R"("Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
constexpr std::string_view kRoleDescription =
    "spawn: lets spored read its instance's tags and stop or terminate it";

const std::string kRole{kDefaultInstanceRole};
const std::string kProfile{kDefaultInstanceProfile};

std::vector<aws::Tag> spawn_tags() {
  return {{"spawn:managed", "true"}, {"spawn:created-by", "spawn"}};
}

bool is_code(const Error& error, std::string_view code) {
  return error.aws && error.aws->code == code;
}

using IamCall = std::function<Result<void>(aws::IamClient&)>;

// Runs `call` on its own copy of `client`, again while IAM answers NoSuchEntity.
Result<void> call_until_visible(const aws::AwsClient& client, const IamCall& call) {
  aws::AwsClient own(client);
  aws::IamClient iam(own);
  const auto deadline = own.clock().now() + kCatchUpDeadline;
  while (true) {
    auto done = call(iam);
    if (done || done.error().kind != ErrorKind::not_found || own.clock().now() >= deadline)
      return done;
    own.clock().sleep_for(kCatchUpPoll);
  }
}

// Records `undo` in `saga`; something already gone counts as undone.
void record_undo(const aws::AwsClient& client, std::string what, IamCall undo, Saga& saga) {
  auto own = std::make_shared<aws::AwsClient>(client);
  saga.record(std::move(what), [own, undo = std::move(undo)]() -> Result<void> {
    aws::IamClient iam(*own);
    auto done = undo(iam);
    if (!done && done.error().kind == ErrorKind::not_found)
      return {};
    return done;
  });
}

// Runs a Create call: `created` on success, `existed` on EntityAlreadyExists.
Result<Outcome> create(const aws::AwsClient& client, const IamCall& call) {
  aws::AwsClient own(client);
  aws::IamClient iam(own);
  auto done = call(iam);
  if (done)
    return Outcome::created;
  if (is_code(done.error(), "EntityAlreadyExists"))
    return Outcome::existed;
  return std::unexpected(done.error());
}

}  // namespace

Result<Outcome> create_role(const aws::AwsClient& client, Saga& saga) {
  auto outcome = create(client, [](aws::IamClient& iam) -> Result<void> {
    auto role = iam.create_role({.name = kRole,
                                 .assume_role_policy = std::string(kEc2TrustPolicy),
                                 .description = std::string(kRoleDescription),
                                 .path = "",
                                 .tags = spawn_tags()});
    return role ? Result<void>{} : std::unexpected(role.error());
  });
  if (outcome == Outcome::created) {
    record_undo(
        client, fmt::format("IAM role {}", kRole),
        [](aws::IamClient& iam) { return iam.delete_role(kRole); }, saga);
  }
  return outcome;
}

Result<Outcome> create_profile(const aws::AwsClient& client, Saga& saga) {
  auto outcome = create(client, [](aws::IamClient& iam) -> Result<void> {
    auto profile =
        iam.create_instance_profile({.name = kProfile, .path = "", .tags = spawn_tags()});
    return profile ? Result<void>{} : std::unexpected(profile.error());
  });
  if (outcome == Outcome::created) {
    record_undo(
        client, fmt::format("IAM instance profile {}", kProfile),
        [](aws::IamClient& iam) { return iam.delete_instance_profile(kProfile); }, saga);
  }
  return outcome;
}

Result<void> put_spored_policy(const aws::AwsClient& client, Outcome role, Saga& saga) {
  const std::string name{kSporedPolicyName};
  auto put = call_until_visible(client, [&](aws::IamClient& iam) {
    return iam.put_role_policy(kRole, name, spored_role_policy());
  });
  if (put && role == Outcome::created) {
    record_undo(
        client, fmt::format("inline policy {} of IAM role {}", name, kRole),
        [name](aws::IamClient& iam) { return iam.delete_role_policy(kRole, name); }, saga);
  }
  return put;
}

Result<void> attach_session_manager(const aws::AwsClient& client, Outcome role, Saga& saga) {
  const std::string arn{kSessionManagerPolicyArn};
  auto attached = call_until_visible(
      client, [&](aws::IamClient& iam) { return iam.attach_role_policy(kRole, arn); });
  if (attached && role == Outcome::created) {
    record_undo(
        client, fmt::format("policy {} attached to IAM role {}", arn, kRole),
        [arn](aws::IamClient& iam) { return iam.detach_role_policy(kRole, arn); }, saga);
  }
  return attached;
}

Result<void> add_role_to_profile(const aws::AwsClient& client, Saga& saga) {
  auto added = call_until_visible(client, [](aws::IamClient& iam) {
    return iam.add_role_to_instance_profile(kProfile, kRole);
  });
  // A profile holds one role; LimitExceeded means a concurrent launch put it there first.
  if (!added && is_code(added.error(), "LimitExceeded"))
    return {};
  if (added) {
    record_undo(
        client, fmt::format("IAM role {} in instance profile {}", kRole, kProfile),
        [](aws::IamClient& iam) { return iam.remove_role_from_instance_profile(kProfile, kRole); },
        saga);
  }
  return added;
}

}  // namespace spawn::ops::profile_steps
