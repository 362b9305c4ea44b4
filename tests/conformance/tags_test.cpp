// aws ec2 create-tags / describe-tags / delete-tags on an instance.
#include "localcloud_suite.hpp"

namespace spawn::conformance {
namespace {

class Tags : public LocalcloudSuite {};

TEST_F(Tags, CreateDescribeAndDeleteInstanceTags) {
  AwsResult run = run_instances("t3.micro");
  ASSERT_TRUE(run.succeeded()) << run;
  std::string id = instance_ids(run.json()).at(0);
  std::string team = unique_name("team");

  AwsResult created = aws({"ec2", "create-tags", "--resources", id, "--tags",
                           "Key=team,Value=" + team, "Key=stage,Value=test"});
  ASSERT_TRUE(created.succeeded()) << created;

  std::vector<std::string> describe{"ec2", "describe-tags", "--filters",
                                    "Name=resource-id,Values=" + id};
  AwsResult described = aws(describe);
  ASSERT_TRUE(described.succeeded()) << described;
  nlohmann::json tags = json_at(described.json(), "/Tags");
  ASSERT_EQ(tags.size(), 2u) << described.out;
  for (const nlohmann::json& tag : tags) {
    EXPECT_EQ(text_at(tag, "/ResourceId"), id);
    EXPECT_EQ(text_at(tag, "/ResourceType"), "instance");
  }
  EXPECT_EQ(tag_map(tags), (std::map<std::string, std::string>{{"stage", "test"}, {"team", team}}));

  AwsResult deleted = aws({"ec2", "delete-tags", "--resources", id, "--tags", "Key=stage"});
  ASSERT_TRUE(deleted.succeeded()) << deleted;
  AwsResult after = aws(describe);
  ASSERT_TRUE(after.succeeded()) << after;
  EXPECT_EQ(tag_map(json_at(after.json(), "/Tags")),
            (std::map<std::string, std::string>{{"team", team}}));
}

}  // namespace
}  // namespace spawn::conformance
