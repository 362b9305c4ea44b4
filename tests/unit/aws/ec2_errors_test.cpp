// EC2 errors as callers meet them: a typed kind, AWS's code and message, and
// the dry-run answer read as "would have succeeded".
#include <gtest/gtest.h>

#include "aws/ec2.hpp"
#include "ec2_test_support.hpp"

namespace spawn::aws {
namespace {

using spawn::testing::Ec2TestClient;
using spawn::testing::read_testdata_file;

TEST(Ec2ErrorsTest, UnknownInstanceIsNotFound) {
  Ec2TestClient fake;
  fake.answer_error(400, "InvalidInstanceID.NotFound",
                    "The instance ID 'i-0badc0de' does not exist");

  auto page = fake.ec2.describe_instances({{"i-0badc0de"}});

  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::not_found);
  ASSERT_TRUE(page.error().aws);
  EXPECT_EQ(page.error().aws->code, "InvalidInstanceID.NotFound");
  EXPECT_EQ(page.error().aws->operation, "DescribeInstances");
  EXPECT_EQ(page.error().aws->request_id, "req-err");
}

TEST(Ec2ErrorsTest, UnknownKeyPairIsNotFound) {
  SPAWN_REQUIRE_TESTDATA(fixture,
                         "aws-examples/libcloud-ec2-fixtures/describe_key_pairs_doesnt_exist.xml");
  Ec2TestClient fake;
  fake.transport.reply(400, read_testdata_file(fixture));

  auto keys = fake.ec2.describe_key_pairs({.key_names = {"test-key-pair"}});

  ASSERT_FALSE(keys);
  EXPECT_EQ(keys.error().kind, ErrorKind::not_found);
  ASSERT_TRUE(keys.error().aws);
  EXPECT_EQ(keys.error().aws->code, "InvalidKeyPair.NotFound");
}

TEST(Ec2ErrorsTest, DryRunOperationMeansTheCallWouldHaveSucceeded) {
  Ec2TestClient fake;
  fake.answer_error(412, "DryRunOperation",
                    "Request would have succeeded, but DryRun flag is set.");

  auto launched = fake.ec2.run_instances({.image_id = "ami-1", .dry_run = DryRun::yes});

  ASSERT_FALSE(launched);
  EXPECT_TRUE(is_dry_run_ok(launched.error()));
}

TEST(Ec2ErrorsTest, AFailedDryRunIsNotOk) {
  Ec2TestClient fake;
  fake.answer_error(403, "UnauthorizedOperation",
                    "You are not authorized to perform this operation.");

  auto terminated = fake.ec2.terminate_instances({{"i-1"}, DryRun::yes});

  ASSERT_FALSE(terminated);
  EXPECT_FALSE(is_dry_run_ok(terminated.error()));
  EXPECT_EQ(terminated.error().kind, ErrorKind::auth);
}

TEST(Ec2ErrorsTest, InsufficientCapacityKeepsAwsMessage) {
  SPAWN_REQUIRE_TESTDATA(
      fixture, "aws-examples/carbon-amazon-fixtures/ec2-error-InsufficientInstanceCapacity.xml");
  Ec2TestClient fake;
  fake.transport.reply(500, read_testdata_file(fixture));

  auto launched = fake.ec2.run_instances({.image_id = "ami-1", .instance_type = "c7g.2xlarge"});

  ASSERT_FALSE(launched);
  ASSERT_TRUE(launched.error().aws);
  EXPECT_EQ(launched.error().aws->code, "InsufficientInstanceCapacity");
  EXPECT_NE(launched.error().aws->message.find("c7g.2xlarge capacity"), std::string::npos);
}

TEST(Ec2ErrorsTest, ReusedClientTokenWithOtherParametersIsReported) {
  SPAWN_REQUIRE_TESTDATA(fixture,
                         "aws-examples/libcloud-ec2-fixtures/run_instances_idem_mismatch.xml");
  Ec2TestClient fake;
  fake.transport.reply(400, read_testdata_file(fixture));

  auto launched = fake.ec2.run_instances({.image_id = "ami-1", .client_token = "token-1"});

  ASSERT_FALSE(launched);
  ASSERT_TRUE(launched.error().aws);
  EXPECT_EQ(launched.error().aws->code, "IdempotentParameterMismatch");
}

TEST(Ec2ErrorsTest, ReturnFalseIsAnError) {
  Ec2TestClient fake;
  fake.answer("CreateTags", "<return>false</return>");

  auto tagged = fake.ec2.create_tags({"i-1"}, {{"k", "v"}});

  ASSERT_FALSE(tagged);
  EXPECT_EQ(tagged.error().kind, ErrorKind::aws);
}

TEST(Ec2ErrorsTest, AnAnswerThatIsNotXmlIsAParseError) {
  Ec2TestClient fake;
  fake.transport.reply(200, "<html><body>proxy error");

  auto regions = fake.ec2.describe_regions();

  ASSERT_FALSE(regions);
  EXPECT_EQ(regions.error().kind, ErrorKind::parse);
}

TEST(Ec2ErrorsTest, UserDataThatIsNotBase64IsAParseError) {
  Ec2TestClient fake;
  fake.answer("DescribeInstanceAttribute", "<userData><value>not*base64</value></userData>");

  auto user_data = fake.ec2.describe_instance_attribute("i-1", InstanceAttribute::user_data);

  ASSERT_FALSE(user_data);
  EXPECT_EQ(user_data.error().kind, ErrorKind::parse);
}

}  // namespace
}  // namespace spawn::aws
