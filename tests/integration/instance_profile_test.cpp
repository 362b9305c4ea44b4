// ops::look_up_instance_profile / ensure_instance_profile against localcloud: the
// default role and profile created with spored's policy and Session Manager, reused
// without a call, taken away by the saga, shared by concurrent launches, and a new
// profile recognised (and then accepted) while IAM propagates.
#include "spawn/ops/instance_profile.hpp"

#include <gtest/gtest.h>

#include <barrier>
#include <nlohmann/json.hpp>
#include <thread>

#include "aws/query_protocol.hpp"
#include "aws/service.hpp"
#include "core/spored_role_policy.hpp"
#include "localcloud_fixture.hpp"
#include "round_trips.hpp"
#include "util/encoding.hpp"

namespace spawn::integration {
namespace {

using ops::ProfileChoice;
using ops::ProfileLookup;
using ops::Saga;

const std::string kRole{ops::kDefaultInstanceRole};
const std::string kProfile{ops::kDefaultInstanceProfile};

struct LoggedRequest {
  std::string operation;
  int status = 0;
};

std::vector<LoggedRequest> logged_requests(TestCloud& cloud) {
  auto body = cloud.admin_get("/_localcloud/requests");
  EXPECT_TRUE(body.has_value());
  std::vector<LoggedRequest> requests;
  if (!body)
    return requests;
  nlohmann::json log = nlohmann::json::parse(*body);  // kept alive for the loop
  for (const auto& record : log.at("requests"))
    requests.push_back({record.at("operation").get<std::string>(), record.at("status").get<int>()});
  return requests;
}

std::vector<std::string> logged_operations(TestCloud& cloud) {
  std::vector<std::string> operations;
  for (const LoggedRequest& request : logged_requests(cloud))
    operations.push_back(request.operation + " " + std::to_string(request.status));
  return operations;
}

// The inline policy document as IAM holds it (IamClient has no GetRolePolicy).
nlohmann::json role_policy(TestCloud& cloud, const std::string& role, const std::string& name) {
  aws::QueryParams params;
  params.add("RoleName", role).add("PolicyName", name);
  auto answer = aws::call_query(cloud.client(), aws::services::iam, "GetRolePolicy", params);
  EXPECT_TRUE(answer.has_value()) << answer.error().message;
  if (!answer)
    return {};
  auto document = percent_decode(answer->result().child_value("PolicyDocument"), PlusMeans::plus);
  return nlohmann::json::parse(document.value_or("null"), nullptr, false);
}

// Each test gets a fresh localcloud (IAM is global: state would leak between tests).
class InstanceProfileTest : public ::testing::Test {
 protected:
  void start(std::chrono::milliseconds iam_propagation = std::chrono::milliseconds(0)) {
    auto started = TestCloud::start(dir_.path(), {.iam_propagation = iam_propagation});
    ASSERT_TRUE(started) << started.error().message;
    cloud_ = std::move(*started);
  }
  void SetUp() override { start(); }
  TestCloud& cloud() { return *cloud_; }

  ProfileLookup look_up() {
    auto found = ops::look_up_instance_profile(cloud().client());
    EXPECT_TRUE(found.has_value()) << found.error().message;
    return found.value_or(ProfileLookup{});
  }
  ProfileChoice ensure(const ProfileLookup& found, Saga& saga) {
    auto choice = ops::ensure_instance_profile(cloud().client(), found, saga);
    EXPECT_TRUE(choice.has_value()) << choice.error().message;
    return choice.value_or(ProfileChoice{});
  }

  TempDir dir_;
  std::unique_ptr<TestCloud> cloud_;
};

TEST_F(InstanceProfileTest, CreatesRoleWithSporedPolicyAndSessionManagerThenReusesItWithNoCall) {
  ProfileLookup found = look_up();
  ASSERT_FALSE(found.profile.has_value());
  Saga saga;
  ProfileChoice choice = ensure(found, saga);
  saga.commit();
  EXPECT_EQ(choice.name, "spored-instance-profile");
  EXPECT_TRUE(choice.created);

  auto role = cloud().iam().get_role(kRole);
  ASSERT_TRUE(role.has_value()) << role.error().message;
  auto trust = nlohmann::json::parse(role->assume_role_policy);
  EXPECT_EQ(trust["Statement"][0]["Principal"]["Service"], "ec2.amazonaws.com");
  EXPECT_EQ(trust["Statement"][0]["Action"], "sts:AssumeRole");
  EXPECT_EQ(aws::tag_value(role->tags, "spawn:managed"), "true");
  EXPECT_EQ(aws::tag_value(role->tags, "spawn:created-by"), "spawn");
  EXPECT_EQ(cloud().iam().list_role_policies_all(kRole).value_or(std::vector<std::string>{}),
            std::vector<std::string>{"spored-policy"});
  EXPECT_EQ(role_policy(cloud(), kRole, "spored-policy"),
            nlohmann::json::parse(spored_role_policy()));
  auto attached = cloud().iam().list_attached_role_policies_all(kRole);
  ASSERT_TRUE(attached && attached->size() == 1u);
  EXPECT_EQ(attached->front().arn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
  auto profile = cloud().iam().get_instance_profile(kProfile);
  ASSERT_TRUE(profile.has_value());
  ASSERT_EQ(profile->roles.size(), 1u);
  EXPECT_EQ(profile->roles[0].name, kRole);
  EXPECT_EQ(aws::tag_value(profile->tags, "spawn:managed"), "true");

  ProfileLookup again = look_up();
  ASSERT_TRUE(again.profile.has_value());
  std::size_t before = logged_requests(cloud()).size();
  Saga second_saga;
  ProfileChoice reused = ensure(again, second_saga);
  EXPECT_EQ(reused.name, "spored-instance-profile");
  EXPECT_FALSE(reused.created);
  EXPECT_EQ(logged_requests(cloud()).size(), before);
  EXPECT_TRUE(second_saga.recorded().empty());
}

TEST_F(InstanceProfileTest, CreatingTakesTwoSequentialRoundTrips) {
  ProfileLookup found = look_up();
  std::size_t before = logged_requests(cloud()).size();
  ASSERT_TRUE(cloud().admin_post("/_localcloud/faults", R"({"latency_ms": 150})"));
  Saga saga;
  EXPECT_TRUE(ensure(found, saga).created);
  ASSERT_TRUE(cloud().admin_delete("/_localcloud/faults"));
  // (CreateRole, CreateInstanceProfile) -> (PutRolePolicy, AttachRolePolicy,
  // AddRoleToInstanceProfile)
  EXPECT_EQ(sequential_rounds(timed_requests(cloud(), before)), 2);
}

TEST_F(InstanceProfileTest, RollingBackRemovesTheRoleAndTheProfile) {
  Saga saga;
  ensure(look_up(), saga);
  EXPECT_EQ(saga.recorded().size(), 5u);  // role, profile, policy, attachment, role in profile
  EXPECT_EQ(saga.roll_back(), std::vector<std::string>{});
  auto role = cloud().iam().get_role(kRole);
  ASSERT_FALSE(role.has_value());
  EXPECT_EQ(role.error().kind, ErrorKind::not_found);
  auto profile = cloud().iam().get_instance_profile(kProfile);
  ASSERT_FALSE(profile.has_value());
  EXPECT_EQ(profile.error().kind, ErrorKind::not_found);
}

TEST_F(InstanceProfileTest, TwoConcurrentLaunchesEndWithOneRoleInOneProfile) {
  ProfileLookup found = look_up();  // both launches looked before either created anything
  Saga first_saga, second_saga;
  Result<ProfileChoice> first, second;
  std::barrier start_together(2);
  std::thread other([&] {
    start_together.arrive_and_wait();
    second = ops::ensure_instance_profile(cloud().client(), found, second_saga);
  });
  start_together.arrive_and_wait();
  first = ops::ensure_instance_profile(cloud().client(), found, first_saga);
  other.join();
  ASSERT_TRUE(first.has_value()) << first.error().message;
  ASSERT_TRUE(second.has_value()) << second.error().message;
  int roles_created = 0;
  for (const LoggedRequest& request : logged_requests(cloud()))
    roles_created += request.operation == "CreateRole" && request.status == 200;
  EXPECT_EQ(roles_created, 1) << ::testing::PrintToString(logged_operations(cloud()));
  auto profile = cloud().iam().get_instance_profile(kProfile);
  ASSERT_TRUE(profile.has_value());
  ASSERT_EQ(profile->roles.size(), 1u);
  EXPECT_EQ(profile->roles[0].name, kRole);
  EXPECT_EQ(cloud().iam().list_instance_profiles_for_role_all(kRole)->size(), 1u);
}

TEST_F(InstanceProfileTest, AProfileWithoutItsRoleGetsTheRoleAdded) {
  ASSERT_TRUE(cloud().iam().create_instance_profile({.name = kProfile, .path = "", .tags = {}}));
  ProfileLookup found = look_up();
  ASSERT_TRUE(found.profile && found.profile->roles.empty());
  Saga saga;
  EXPECT_TRUE(ensure(found, saga).created);
  auto profile = cloud().iam().get_instance_profile(kProfile);
  ASSERT_TRUE(profile && profile->roles.size() == 1u);
  EXPECT_EQ(profile->roles[0].name, kRole);
  // Rolling back takes the role away but leaves the profile that was there before.
  EXPECT_EQ(saga.roll_back(), std::vector<std::string>{});
  profile = cloud().iam().get_instance_profile(kProfile);
  ASSERT_TRUE(profile.has_value());
  EXPECT_TRUE(profile->roles.empty());
}

TEST_F(InstanceProfileTest, RunInstancesIsRefusedWhileANewProfilePropagatesThenAccepted) {
  cloud_.reset();
  start(std::chrono::milliseconds(1500));
  Saga saga;
  ProfileChoice choice = ensure(look_up(), saga);
  ASSERT_TRUE(choice.created);
  auto refused = cloud().launch({.iam_instance_profile_name = choice.name});
  ASSERT_FALSE(refused.has_value());
  EXPECT_TRUE(ops::is_profile_propagation_error(refused.error())) << refused.error().message;
  std::string instance_id;
  EXPECT_TRUE(wait_until([&] {
    auto launched = cloud().launch({.iam_instance_profile_name = choice.name});
    if (!launched && !ops::is_profile_propagation_error(launched.error()))
      ADD_FAILURE() << launched.error().message;
    instance_id = launched.value_or("");
    return launched.has_value() || !ops::is_profile_propagation_error(launched.error());
  }));
  ASSERT_FALSE(instance_id.empty());
  EXPECT_TRUE(cloud().ec2().terminate_instances({.instance_ids = {instance_id}}).has_value());
}

TEST(ProfilePropagationError, RecognisesOnlyEc2sAnswerForAnUnseenProfile) {
  auto ec2_error = [](std::string code, std::string message) {
    AwsError answer{"ec2", "RunInstances", std::move(code), message, 400, "req-1", false};
    return Error{ErrorKind::aws, message, answer, ""};
  };
  EXPECT_TRUE(ops::is_profile_propagation_error(
      ec2_error("InvalidParameterValue",
                "Value (spored-instance-profile) for parameter iamInstanceProfile.name is "
                "invalid. Invalid IAM Instance Profile name")));
  EXPECT_TRUE(ops::is_profile_propagation_error(
      ec2_error("InvalidParameterValue",
                "Value (arn:aws:iam::123456789012:instance-profile/x) for parameter "
                "iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN")));
  EXPECT_FALSE(ops::is_profile_propagation_error(
      ec2_error("InvalidParameterValue", "Value (bogus) for parameter instanceType is invalid.")));
  EXPECT_FALSE(ops::is_profile_propagation_error(
      ec2_error("InsufficientInstanceCapacity", "Invalid IAM Instance Profile name")));
  EXPECT_FALSE(ops::is_profile_propagation_error(
      Error{ErrorKind::network, "iamInstanceProfile", std::nullopt, ""}));
}

}  // namespace
}  // namespace spawn::integration
