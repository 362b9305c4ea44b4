// `spawn list`'s table, JSON and YAML, from fixed instances and a fixed "now".
#include "spawn/ui/instance_list_view.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "../ops/managed_instance_builder.hpp"

namespace spawn::ui {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using ::testing::HasSubstr;
using testing::kTestNow;
using testing::managed;
using ::testing::Not;

std::vector<ops::ManagedInstance> two_instances() {
  return {managed("i-0aaa", "running", kTestNow - hours(2) - minutes(30))
              .tagged("Name", "dev-box")
              .tagged("spawn:ttl", "8h")
              .public_ip("203.0.113.7")
              .spot(),
          managed("i-0bbb", "stopped", kTestNow - hours(24 * 5 + 6))
              .type("m7i.large")
              .zone("eu-west-1b")
              .tagged("spawn:ttl", "8h")
              .tagged("spawn:ttl-remaining", "3h12m")};
}

TEST(InstanceTable, ShowsTheColumnsAlignedAndATotal) {
  std::string table = render_instance_table(two_instances(), kTestNow, {});
  EXPECT_EQ(table,
            "Instance ID  Name     Type       State    Region/AZ   Age    TTL left        "
            "Public IP    Spot\n"
            "i-0aaa       dev-box  t3.micro   running  us-east-1a  2h30m  5h30m           "
            "203.0.113.7  ✓\n"
            "i-0bbb       -        m7i.large  stopped  eu-west-1b  5d6h   3h12m (paused)  "
            "-            -\n"
            "\n"
            "Total: 2 instances\n");
}

TEST(InstanceTable, ColourOnlyWhenAsked) {
  std::string plain = render_instance_table(two_instances(), kTestNow, {});
  EXPECT_THAT(plain, Not(HasSubstr("\x1b[")));
  std::string coloured =
      render_instance_table(two_instances(), kTestNow, {platform::Colour::on, SymbolStyle::emoji});
  EXPECT_THAT(coloured, HasSubstr("\x1b[32mrunning\x1b[0m"));
  EXPECT_THAT(coloured, HasSubstr("\x1b[33mstopped\x1b[0m"));
}

TEST(InstanceTable, TextSymbolsSaySpotInWords) {
  std::string table =
      render_instance_table(two_instances(), kTestNow, {platform::Colour::off, SymbolStyle::text});
  EXPECT_THAT(table, Not(HasSubstr("✓")));
  EXPECT_THAT(table, HasSubstr("203.0.113.7  yes"));
}

TEST(InstanceTable, OneInstanceIsSingular) {
  std::string table = render_instance_table({two_instances()[0]}, kTestNow, {});
  EXPECT_THAT(table, HasSubstr("Total: 1 instance\n"));
}

TEST(TtlLeft, SaysNoneExpiredOrPaused) {
  EXPECT_EQ(ttl_left_text(managed("i-1", "running"), kTestNow), "none");
  EXPECT_EQ(ttl_left_text(managed("i-1", "running", kTestNow - hours(9)).tagged("spawn:ttl", "8h"),
                          kTestNow),
            "expired");
  EXPECT_EQ(ttl_left_text(managed("i-1", "stopped").tagged("spawn:ttl", "8h"), kTestNow),
            "8h (paused)");
}

TEST(InstanceJson, HasTheDocumentedKeysAndTheDeadline) {
  auto document = nlohmann::json::parse(render_instances_json(two_instances(), kTestNow));
  ASSERT_EQ(document.size(), 2u);
  const auto& running = document[0];
  for (const char* key : {"instance_id",
                          "name",
                          "instance_type",
                          "state",
                          "region",
                          "availability_zone",
                          "public_ip",
                          "private_ip",
                          "launch_time",
                          "ttl",
                          "idle_timeout",
                          "key_name",
                          "spot",
                          "iam_role",
                          "job_array_id",
                          "job_array_name",
                          "job_array_index",
                          "job_array_size",
                          "sweep_id",
                          "sweep_name",
                          "sweep_index",
                          "sweep_size",
                          "parameters",
                          "ttl_left_seconds",
                          "deadline"})
    EXPECT_TRUE(running.contains(key)) << key;
  EXPECT_EQ(running["instance_id"], "i-0aaa");
  EXPECT_EQ(running["spot"], true);
  EXPECT_EQ(running["ttl_left_seconds"], 5 * 3600 + 30 * 60);
  EXPECT_EQ(running["deadline"], "2026-01-01T05:30:00Z");
  EXPECT_EQ(running["launch_time"], "2025-12-31T21:30:00Z");
  EXPECT_TRUE(document[1]["ttl_left_seconds"].is_null());  // stopped: the TTL is paused
  EXPECT_TRUE(document[1]["deadline"].is_null());
}

TEST(InstanceJson, SweepParametersAndRoleName) {
  ops::ManagedInstance instance =
      managed("i-1", "running").tagged("spawn:param:lr", "0.01").tagged("spawn:param:batch", "64");
  instance.instance.iam_instance_profile_arn =
      "arn:aws:iam::123456789012:instance-profile/spored-instance-profile";
  auto document = instance_document(instance, kTestNow);
  EXPECT_EQ(document["parameters"]["lr"], "0.01");
  EXPECT_EQ(document["parameters"]["batch"], "64");
  EXPECT_EQ(document["iam_role"], "spored-instance-profile");
}

TEST(InstanceJson, NoInstancesIsAnEmptyArray) {
  EXPECT_EQ(render_instances_json({}, kTestNow), "[]\n");
}

TEST(InstanceYaml, ReadsBackWithTheSameValues) {
  YAML::Node document = YAML::Load(render_instances_yaml(two_instances(), kTestNow));
  ASSERT_TRUE(document.IsSequence());
  ASSERT_EQ(document.size(), 2u);
  EXPECT_EQ(document[0]["instance_id"].as<std::string>(), "i-0aaa");
  EXPECT_EQ(document[0]["ttl"].as<std::string>(), "8h");
  EXPECT_TRUE(document[0]["spot"].as<bool>());
  EXPECT_EQ(document[0]["ttl_left_seconds"].as<long>(), 5 * 3600 + 30 * 60);
  EXPECT_TRUE(document[1]["deadline"].IsNull());
}

}  // namespace
}  // namespace spawn::ui
