// spawn list, extend and instance look-up, through the real command line against
// localcloud: instances launched directly with spawn's tags in several regions,
// unmanaged and terminated ones beside them, one region that cannot answer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/duration.hpp"
#include "spawn/ops/region_scan.hpp"
#include "spawn_cli_runner.hpp"

namespace spawn::integration {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class InstanceCommands : public CliSuite<InstanceCommands> {};

TEST_F(InstanceCommands, ListShowsManagedInstancesOfEveryRegionOnly) {
  std::string east = cli().launch("us-east-1", spawn_tags("list-east", {{"case", "list"}}));
  std::string west = cli().launch("eu-west-1", spawn_tags("list-west", {{"case", "list"}}));
  std::string unmanaged = cli().launch("us-east-1", {{"Name", "list-other"}, {"case", "list"}});
  std::string gone = cli().launch("us-east-1", spawn_tags("list-gone", {{"case", "list"}}));
  ASSERT_TRUE(cloud().ec2().terminate_instances({.instance_ids = {gone}}));
  ASSERT_TRUE(cli().wait_for_state("us-east-1", gone, "terminated"));

  auto listed = cli().run({"list", "--tag", "case=list"});

  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr(east));
  EXPECT_THAT(listed.out, HasSubstr(west));
  EXPECT_THAT(listed.out, HasSubstr("eu-west-1"));
  EXPECT_THAT(listed.out, Not(HasSubstr(unmanaged)));
  EXPECT_THAT(listed.out, Not(HasSubstr(gone)));
  EXPECT_THAT(listed.out, HasSubstr("Total: 2 instances"));
  EXPECT_THAT(listed.err, HasSubstr("Searching all AWS regions"));
}

TEST_F(InstanceCommands, ListFiltersNarrowTheResult) {
  std::string small = cli().launch("us-east-1", spawn_tags("filter-small", {{"case", "filter"}}));
  std::string big =
      cli().launch("us-east-1", spawn_tags("filter-big", {{"case", "filter"}}), "m7i.large");
  std::string far = cli().launch("ap-southeast-2", spawn_tags("filter-far", {{"case", "filter"}}));

  auto family = cli().run({"list", "--tag", "case=filter", "--family", "m7i"});
  EXPECT_THAT(family.out, HasSubstr(big));
  EXPECT_THAT(family.out, Not(HasSubstr(small)));

  auto named = cli().run({"list", "--tag", "case=filter", "--name", "FILTER-SMALL"});
  EXPECT_THAT(named.out, HasSubstr(small));
  EXPECT_THAT(named.out, HasSubstr("Total: 1 instance\n"));

  auto region = cli().run({"list", "--region", "ap-southeast-2", "--tag", "case=filter"});
  EXPECT_THAT(region.out, HasSubstr(far));
  EXPECT_THAT(region.out, Not(HasSubstr(small)));
  EXPECT_THAT(region.err, HasSubstr("Searching region ap-southeast-2"));

  auto none = cli().run({"list", "--tag", "case=filter", "--state", "stopped"});
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out, "No instances found matching the specified criteria\n");
}

TEST_F(InstanceCommands, ListJsonHasTheDocumentedKeys) {
  std::string id =
      cli().launch("us-west-2", spawn_tags("json-one", {{"case", "json"}, {"spawn:ttl", "2h"}}));

  auto listed = cli().run({"list", "--tag", "case=json", "--json"});

  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  auto document = nlohmann::json::parse(listed.out);
  ASSERT_EQ(document.size(), 1u);
  EXPECT_EQ(document[0]["instance_id"], id);
  EXPECT_EQ(document[0]["region"], "us-west-2");
  EXPECT_EQ(document[0]["name"], "json-one");
  EXPECT_EQ(document[0]["ttl"], "2h");
  EXPECT_EQ(document[0]["state"], "running");
  EXPECT_GT(document[0]["ttl_left_seconds"].get<int>(), 7000);
  EXPECT_TRUE(document[0]["deadline"].is_string());
  auto as_yaml = cli().run({"list", "--tag", "case=json", "--output", "yaml"});
  EXPECT_THAT(as_yaml.out, HasSubstr("instance_id: \"" + id + "\""));
}

TEST_F(InstanceCommands, ARegionThatFailsIsReportedAndTheOthersStillListed) {
  std::string id = cli().launch("us-east-1", spawn_tags("failing-region", {{"case", "failing"}}));
  // The cached region list names one region localcloud does not emulate: asking it fails.
  auto cache = ops::region_cache_for(
      cli().session(), cli().env().get("XDG_DATA_HOME").value() + std::string("/spawn"));
  ASSERT_TRUE(cache.file);
  std::filesystem::create_directories(cache.file->parent_path());
  std::ofstream(*cache.file) << R"(["us-east-1", "zz-nowhere-1"])";

  auto listed = cli().run({"list", "--tag", "case=failing"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr(id));
  EXPECT_THAT(listed.err, HasSubstr("zz-nowhere-1"));

  auto nothing = cli().run({"list", "--region", "zz-nowhere-1"});
  EXPECT_EQ(nothing.exit_code, 1);
  EXPECT_THAT(nothing.err, HasSubstr("zz-nowhere-1"));
}

TEST_F(InstanceCommands, TwoInstancesWithOneNameAreAConflictListingBoth) {
  std::string first = cli().launch("us-east-1", spawn_tags("twin"));
  std::string second = cli().launch("us-west-2", spawn_tags("Twin"));

  auto looked_up = cli().run({"extend", "twin", "1h"});

  EXPECT_EQ(looked_up.exit_code, 1);
  EXPECT_THAT(looked_up.err, HasSubstr(first));
  EXPECT_THAT(looked_up.err, HasSubstr(second));
  EXPECT_THAT(looked_up.err, HasSubstr("instance ID"));
  EXPECT_FALSE(cli().tag_of("us-east-1", first, "spawn:ttl"));
}

TEST_F(InstanceCommands, ExtendAddsToTheTtlFoundByName) {
  std::string id = cli().launch("eu-west-1", spawn_tags("extend-me", {{"spawn:ttl", "4h"}}));

  auto extended = cli().run({"extend", "EXTEND-ME", "2h"});

  EXPECT_EQ(extended.exit_code, 0) << extended.err;
  EXPECT_EQ(cli().tag_of("eu-west-1", id, "spawn:ttl"), "6h");
  EXPECT_THAT(extended.out, HasSubstr("Old TTL:   4h"));
  EXPECT_THAT(extended.out, HasSubstr("New TTL:   6h"));
  EXPECT_THAT(extended.out, HasSubstr("within a minute"));
}

TEST_F(InstanceCommands, ExtendWithoutTtlEndsThatLongFromNow) {
  std::string id = cli().launch("us-east-1", spawn_tags("extend-no-ttl"));

  auto extended = cli().run({"extend", id, "30m"});

  EXPECT_EQ(extended.exit_code, 0) << extended.err;
  auto ttl = parse_duration(cli().tag_of("us-east-1", id, "spawn:ttl").value_or("?"));
  ASSERT_TRUE(ttl);
  EXPECT_GE(*ttl, std::chrono::minutes(30));
  EXPECT_LT(*ttl, std::chrono::minutes(31));  // the instance's age (seconds) + 30m
}

TEST_F(InstanceCommands, ExtendRefusesAnInstanceSpawnDidNotLaunch) {
  std::string id = cli().launch("us-east-1", {{"Name", "not-spawns"}});

  auto extended = cli().run({"extend", id, "1h"});

  EXPECT_EQ(extended.exit_code, 1);
  EXPECT_THAT(extended.err, HasSubstr("not launched by spawn"));
  EXPECT_FALSE(cli().tag_of("us-east-1", id, "spawn:ttl"));
}

TEST_F(InstanceCommands, ExtendAJobArrayTagsEveryMember) {
  std::vector<aws::Tag> array{{"spawn:job-array-name", "sweep-x"},
                              {"spawn:job-array-id", "sweep-x-20260101-abcdef"},
                              {"spawn:ttl", "1h"}};
  std::string first = cli().launch("us-east-1", spawn_tags("sweep-x-0", array));
  std::string second = cli().launch("us-east-1", spawn_tags("sweep-x-1", array));

  auto extended = cli().run({"extend", "--job-array-name", "sweep-x", "30m"});

  EXPECT_EQ(extended.exit_code, 0) << extended.err;
  EXPECT_THAT(extended.out, HasSubstr("Updated: 2/2 instances"));
  EXPECT_EQ(cli().tag_of("us-east-1", first, "spawn:ttl"), "1h30m");
  EXPECT_EQ(cli().tag_of("us-east-1", second, "spawn:ttl"), "1h30m");
}

TEST_F(InstanceCommands, ExtendChecksItsArguments) {
  EXPECT_EQ(cli().run({"extend", "only-a-name"}).exit_code, 2);
  auto bad = cli().run({"extend", "some-name", "2 hours"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("not a duration"));
}

}  // namespace
}  // namespace spawn::integration
