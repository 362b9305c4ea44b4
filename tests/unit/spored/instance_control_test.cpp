#include "spored/instance_control.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../aws/ec2_test_support.hpp"

namespace spawn::spored {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr std::string_view kSelf = "i-0123456789abcdef0";
constexpr std::string_view kStopping =
    "<instancesSet><item><instanceId>i-0123456789abcdef0</instanceId>"
    "<currentState><code>64</code><name>stopping</name></currentState>"
    "<previousState><code>16</code><name>running</name></previousState></item></instancesSet>";

struct InstanceControlTest : ::testing::Test {
  testing::Ec2TestClient cloud;
  InstanceControl control{cloud.ec2, std::string(kSelf)};

  std::map<std::string, std::string> sent(std::size_t index) {
    return testing::decoded_params(cloud.transport.requests.at(index).body);
  }
};

TEST_F(InstanceControlTest, TerminatesItsOwnInstance) {
  cloud.answer("TerminateInstances", kStopping);
  auto requested = control.request(StopAction::terminate);
  ASSERT_TRUE(requested) << requested.error().message;
  EXPECT_THAT(*requested, IsEmpty());
  EXPECT_EQ(sent(0)["Action"], "TerminateInstances");
  EXPECT_EQ(sent(0)["InstanceId.1"], kSelf);
}

TEST_F(InstanceControlTest, HibernatesWithHibernateTrue) {
  cloud.answer("StopInstances", kStopping);
  ASSERT_TRUE(control.request(StopAction::hibernate));
  EXPECT_EQ(sent(0)["Action"], "StopInstances");
  EXPECT_EQ(sent(0)["Hibernate"], "true");
}

TEST_F(InstanceControlTest, RefusedHibernationBecomesAPlainStopAndSaysSo) {
  cloud.answer_error(400, "UnsupportedHibernationConfiguration", "not configured for hibernation");
  cloud.answer("StopInstances", kStopping);
  auto requested = control.request(StopAction::hibernate);
  ASSERT_TRUE(requested) << requested.error().message;
  EXPECT_THAT(*requested, HasSubstr("stopped without hibernating"));
  EXPECT_THAT(*requested, HasSubstr("not configured for hibernation"));
  ASSERT_EQ(cloud.transport.requests.size(), 2u);
  EXPECT_EQ(sent(1)["Action"], "StopInstances");
  EXPECT_THAT(sent(1),
              Not(Contains(std::pair<const std::string, std::string>("Hibernate", "true"))));
}

TEST_F(InstanceControlTest, PermissionErrorsAreNotRetriedAsAStopAndGetAHint) {
  cloud.answer_error(403, "UnauthorizedOperation", "You are not authorized");
  auto requested = control.request(StopAction::hibernate);
  ASSERT_FALSE(requested);
  EXPECT_EQ(cloud.transport.requests.size(), 1u);
  EXPECT_THAT(action_error_hint(requested.error()), HasSubstr("spawn:managed=true"));
}

TEST_F(InstanceControlTest, RecordsTagsOnItsOwnInstance) {
  cloud.answer("CreateTags", "<return>true</return>");
  ASSERT_TRUE(control.record({{"spawn:last-stop-reason", "TTL 8h expired"}}));
  EXPECT_EQ(sent(0)["ResourceId.1"], kSelf);
  EXPECT_EQ(sent(0)["Tag.1.Key"], "spawn:last-stop-reason");
  EXPECT_EQ(sent(0)["Tag.1.Value"], "TTL 8h expired");
}

}  // namespace
}  // namespace spawn::spored
