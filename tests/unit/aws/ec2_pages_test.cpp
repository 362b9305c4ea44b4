// Following NextToken: the `_all` calls ask for each page in turn and return
// every item once, and stop on a server that repeats its token.
#include <gtest/gtest.h>

#include "aws/ec2.hpp"
#include "ec2_test_support.hpp"

namespace spawn::aws {
namespace {

using spawn::testing::decoded_params;
using spawn::testing::Ec2TestClient;
using ::testing::Contains;
using ::testing::Key;
using ::testing::Not;
using ::testing::Pair;

std::string reservation(const std::string& instance_ids_xml) {
  return "<item><reservationId>r-1</reservationId><instancesSet>" + instance_ids_xml +
         "</instancesSet></item>";
}

std::string instance(const std::string& id) {
  return "<item><instanceId>" + id + "</instanceId></item>";
}

TEST(Ec2PagesTest, DescribeInstancesAllFollowsNextToken) {
  Ec2TestClient fake;
  fake.answer("DescribeInstances", "<reservationSet>" +
                                       reservation(instance("i-1") + instance("i-2")) +
                                       "</reservationSet><nextToken>page-2</nextToken>");
  fake.answer("DescribeInstances",
              "<reservationSet>" + reservation(instance("i-3")) + "</reservationSet>");

  auto instances =
      fake.ec2.describe_instances_all({{}, {{"tag:spawn:managed", {"true"}}}, {50, ""}});

  ASSERT_TRUE(instances) << instances.error().message;
  ASSERT_EQ(instances->size(), 3u);
  EXPECT_EQ((*instances)[2].instance_id, "i-3");
  ASSERT_EQ(fake.transport.requests.size(), 2u);
  auto first = decoded_params(fake.transport.requests[0].body);
  auto second = decoded_params(fake.transport.requests[1].body);
  EXPECT_THAT(first, Not(Contains(Key("NextToken"))));
  EXPECT_THAT(second, Contains(Pair("NextToken", "page-2")));
  EXPECT_THAT(second, Contains(Pair("MaxResults", "50")));
  EXPECT_THAT(second, Contains(Pair("Filter.1.Name", "tag:spawn:managed")));
}

TEST(Ec2PagesTest, OnePageCallReturnsTheTokenForTheCaller) {
  Ec2TestClient fake;
  fake.answer("DescribeTags",
              "<tagSet><item><resourceId>i-1</resourceId><key>k</key><value>v</value></item>"
              "</tagSet><nextToken>more</nextToken>");

  auto page = fake.ec2.describe_tags({});

  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->next_token, "more");
}

TEST(Ec2PagesTest, InstanceTypesAllJoinsPages) {
  Ec2TestClient fake;
  fake.answer("DescribeInstanceTypes",
              "<instanceTypeSet><item><instanceType>t3.micro</instanceType></item>"
              "</instanceTypeSet><nextToken>t2</nextToken>");
  fake.answer("DescribeInstanceTypes",
              "<instanceTypeSet><item><instanceType>g5.xlarge</instanceType></item>"
              "</instanceTypeSet>");

  auto types = fake.ec2.describe_instance_types_all({});

  ASSERT_TRUE(types) << types.error().message;
  ASSERT_EQ(types->size(), 2u);
  EXPECT_EQ((*types)[0].instance_type, "t3.micro");
  EXPECT_EQ((*types)[1].instance_type, "g5.xlarge");
}

TEST(Ec2PagesTest, ARepeatedTokenStopsWithAnError) {
  Ec2TestClient fake;
  fake.answer("DescribeTags", "<tagSet/><nextToken>same</nextToken>");
  fake.answer("DescribeTags", "<tagSet/><nextToken>same</nextToken>");
  fake.answer("DescribeTags", "<tagSet/>");

  auto tags = fake.ec2.describe_tags_all({});

  ASSERT_FALSE(tags);
  EXPECT_EQ(tags.error().kind, ErrorKind::parse);
  EXPECT_EQ(fake.transport.requests.size(), 2u);
}

TEST(Ec2PagesTest, AFailingLaterPageFailsTheWholeCall) {
  Ec2TestClient fake;
  fake.answer("DescribeVpcs",
              "<vpcSet><item><vpcId>vpc-1</vpcId></item></vpcSet>"
              "<nextToken>p2</nextToken>");
  fake.answer_error(400, "InvalidPaginationToken", "The token is invalid");

  auto vpcs = fake.ec2.describe_vpcs_all({});

  ASSERT_FALSE(vpcs);
  ASSERT_TRUE(vpcs.error().aws);
  EXPECT_EQ(vpcs.error().aws->code, "InvalidPaginationToken");
}

}  // namespace
}  // namespace spawn::aws
