#include "spawn/ops/instance_profile.hpp"

#include "spawn/ops/instance_profile_steps.hpp"
#include "spawn/ops/parallel.hpp"
#include "util/strings.hpp"

namespace spawn::ops {
namespace {

using profile_steps::Outcome;

// Round 1: the role and the profile, neither needing the other.
struct FirstRound {
  Result<Outcome> role;
  Result<Outcome> profile = Outcome::existed;
};

FirstRound create_role_and_profile(aws::AwsClient& client, const ProfileLookup& found, Saga& saga) {
  FirstRound round;
  std::vector<std::function<void()>> tasks{
      [&] { round.role = profile_steps::create_role(client, saga); }};
  if (!found.profile)
    tasks.push_back([&] { round.profile = profile_steps::create_profile(client, saga); });
  run_all(std::move(tasks));
  return round;
}

// Round 2: the role's permissions, and the role into the profile.
Result<void> fill_role_and_profile(aws::AwsClient& client, Outcome role, Saga& saga) {
  Result<void> policy, managed, added;
  run_all({[&] { policy = profile_steps::put_spored_policy(client, role, saga); },
           [&] { managed = profile_steps::attach_session_manager(client, role, saga); },
           [&] { added = profile_steps::add_role_to_profile(client, saga); }});
  for (const Result<void>* step : {&policy, &managed, &added}) {
    if (!*step)
      return *step;
  }
  return {};
}

}  // namespace

Result<ProfileLookup> look_up_instance_profile(aws::AwsClient& client) {
  aws::IamClient iam(client);
  auto profile = iam.get_instance_profile(std::string(kDefaultInstanceProfile));
  if (!profile && profile.error().kind == ErrorKind::not_found)
    return ProfileLookup{};
  if (!profile)
    return std::unexpected(profile.error());
  return ProfileLookup{std::move(*profile)};
}

Result<ProfileChoice> ensure_instance_profile(aws::AwsClient& client, const ProfileLookup& found,
                                              Saga& saga) {
  // A profile holding some role is used as it is: a user who put another role in it
  // meant to.
  if (found.profile && !found.profile->roles.empty())
    return ProfileChoice{found.profile->name, false};
  FirstRound first = create_role_and_profile(client, found, saga);
  if (!first.role)
    return std::unexpected(first.role.error());
  if (!first.profile)
    return std::unexpected(first.profile.error());
  if (auto filled = fill_role_and_profile(client, *first.role, saga); !filled)
    return std::unexpected(filled.error());
  return ProfileChoice{std::string(kDefaultInstanceProfile), true};
}

bool is_profile_propagation_error(const Error& error) {
  if (!error.aws || error.aws->code != "InvalidParameterValue")
    return false;
  std::string message = to_lower(error.aws->message);
  return message.find("iaminstanceprofile") != std::string::npos ||
         message.find("invalid iam instance profile") != std::string::npos;
}

}  // namespace spawn::ops
