// spawn's own STS client against localcloud's STS, and the credentials it
// hands out used for the next call, as spawn's assume-role provider would.
#include <gtest/gtest.h>

#include "aws/sts.hpp"
#include "sts_test_support.hpp"

namespace spawn::localcloud::testing {
namespace {

class StsClientTest : public StsServiceTest {
 protected:
  aws::StsClient sts{harness.client()};
};

TEST_F(StsClientTest, SpawnReadsTheCallerIdentity) {
  auto identity = sts.get_caller_identity();
  ASSERT_TRUE(identity.has_value()) << identity.error().message;
  EXPECT_EQ(identity->account, "123456789012");
  EXPECT_EQ(identity->arn, "arn:aws:iam::123456789012:root");
}

TEST_F(StsClientTest, AssumedCredentialsWorkUntilTheyExpire) {
  create_role();
  auto credentials = sts.assume_role({std::string(kRoleArn), "spawn-session", "", 900});
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->expiration, kStartTime + std::chrono::seconds(900));

  auto session = harness.client_with(*credentials);
  aws::StsClient as_role(session->client);
  auto identity = as_role.get_caller_identity();
  ASSERT_TRUE(identity.has_value()) << identity.error().message;
  EXPECT_EQ(identity->arn, "arn:aws:sts::123456789012:assumed-role/demo-role/spawn-session");

  harness.clock().advance(std::chrono::seconds(901));
  auto expired = as_role.get_caller_identity();
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().kind, ErrorKind::auth);
}

TEST_F(StsClientTest, AssumingAMissingRoleReachesSpawnAsAccessDenied) {
  auto denied = sts.assume_role({std::string(kRoleArn), "spawn-session", "", std::nullopt});
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().kind, ErrorKind::auth);
  EXPECT_EQ(denied.error().aws->code, "AccessDenied");
  EXPECT_EQ(denied.error().aws->http_status, 403);
}

}  // namespace
}  // namespace spawn::localcloud::testing
