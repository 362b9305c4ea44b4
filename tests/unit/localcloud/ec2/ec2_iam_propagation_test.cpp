// The IAM propagation fault: RunInstances refuses an instance profile whose role went
// in less than the configured delay ago, with the answer AWS gives while IAM propagates.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "ec2_test_fixture.hpp"
#include "localcloud/api/api.hpp"
#include "localcloud/services/iam/iam_lookup.hpp"

namespace spawn::localcloud::testing {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

constexpr std::string_view kImage = "ImageId=ami-0a1c2e3f4a5b6c7d8&MinCount=1&MaxCount=1";
constexpr std::string_view kProfileArn = "arn:aws:iam::123456789012:instance-profile/worker";

class IamPropagationTest : public Ec2Test {
 protected:
  // Profile "worker" holding role "worker-role", the role added `ago` before now.
  void add_profile_with_role_added(milliseconds ago) {
    add_instance_profile("worker", "worker-role");
    auto stamp = std::chrono::duration_cast<milliseconds>((clock.now() - ago).time_since_epoch());
    auto written = store->write([&](Transaction& transaction) -> Result<void> {
      Json* profile = transaction.find(kIamRegion, kInstanceProfileKind, iam_key("worker"));
      (*profile)[std::string(kRoleAddedAtMember)] = stamp.count();
      return {};
    });
    ASSERT_TRUE(written.has_value());
  }
  void set_propagation_delay(milliseconds delay) {
    FaultSettings settings;
    settings.iam_propagation = delay;
    faults.set(settings);
  }
  Answer run_with_profile(std::string_view profile_parameter) {
    return call("RunInstances", std::string(kImage) + "&" + std::string(profile_parameter));
  }
};

TEST_F(IamPropagationTest, RoleAddedWithinTheDelayIsRefusedAsAwsRefusesIt) {
  set_propagation_delay(hours(1));
  add_profile_with_role_added(milliseconds(0));
  Answer by_name = run_with_profile("IamInstanceProfile.Name=worker");
  EXPECT_EQ(by_name.status, 400);
  EXPECT_EQ(by_name.code, "InvalidParameterValue");
  EXPECT_NE(by_name.body.find("Value (worker) for parameter iamInstanceProfile.name is invalid. "
                              "Invalid IAM Instance Profile name"),
            std::string::npos)
      << by_name.body;
  Answer by_arn = run_with_profile("IamInstanceProfile.Arn=" + std::string(kProfileArn));
  EXPECT_EQ(by_arn.code, "InvalidParameterValue");
  EXPECT_NE(by_arn.body.find("Value (" + std::string(kProfileArn) +
                             ") for parameter iamInstanceProfile.arn is invalid. Invalid IAM "
                             "Instance Profile ARN"),
            std::string::npos)
      << by_arn.body;
}

TEST_F(IamPropagationTest, RoleAddedLongerAgoThanTheDelayLaunches) {
  set_propagation_delay(hours(1));
  add_profile_with_role_added(hours(2));
  Answer launched = run_with_profile("IamInstanceProfile.Name=worker");
  EXPECT_EQ(launched.status, 200) << launched.body;
}

TEST_F(IamPropagationTest, WithoutTheFaultANewRoleLaunchesAtOnce) {
  add_profile_with_role_added(milliseconds(0));
  Answer launched = run_with_profile("IamInstanceProfile.Name=worker");
  EXPECT_EQ(launched.status, 200) << launched.body;
}

TEST_F(IamPropagationTest, AdminJsonSetsTheDelayAndRejectsANegativeOne) {
  auto settings = FaultSettings::from_json(Json{{"iam_propagation_ms", 8000}});
  ASSERT_TRUE(settings.has_value()) << settings.error().message;
  EXPECT_EQ(settings->iam_propagation, milliseconds(8000));
  EXPECT_EQ(settings->to_json().value("iam_propagation_ms", -1), 8000);
  EXPECT_FALSE(FaultSettings::from_json(Json{{"iam_propagation_ms", -1}}).has_value());
  EXPECT_FALSE(FaultSettings::from_json(Json{{"iam_propagation_ms", "soon"}}).has_value());
}

}  // namespace
}  // namespace spawn::localcloud::testing
