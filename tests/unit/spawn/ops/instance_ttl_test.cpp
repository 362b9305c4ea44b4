// The TTL arithmetic of extend and stop, and the deadline it is based on: the TTL
// counts from the launch time, so an extension moves the deadline by itself.
#include "spawn/ops/instance_ttl.hpp"

#include <gtest/gtest.h>

#include "managed_instance_builder.hpp"
#include "spawn/ops/instance_extend.hpp"

namespace spawn::ops {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using testing::kTestNow;
using testing::managed;

TEST(InstanceTtl, DeadlineIsLaunchTimePlusTtl) {
  ManagedInstance instance =
      managed("i-1", "running", kTestNow - hours(1)).tagged("spawn:ttl", "4h");
  EXPECT_EQ(instance.deadline(), kTestNow + hours(3));
  EXPECT_EQ(instance.ttl_left(kTestNow), Milliseconds(hours(3)));
  EXPECT_EQ(instance.ttl_left(kTestNow + hours(5)), Milliseconds(-hours(2)));
}

TEST(InstanceTtl, NoDeadlineWithoutAReadableTtl) {
  EXPECT_FALSE(ManagedInstance(managed("i-1", "running")).deadline());
  ManagedInstance garbled = managed("i-1", "running").tagged("spawn:ttl", "forever");
  EXPECT_FALSE(garbled.ttl());
  EXPECT_FALSE(garbled.ttl_left(kTestNow));
}

TEST(InstanceTtl, ExtendingAddsToTheTtl) {
  ManagedInstance instance = managed("i-1", "running").tagged("spawn:ttl", "4h");
  auto ttl = extended_ttl(instance, hours(2), kTestNow);
  ASSERT_TRUE(ttl);
  EXPECT_EQ(*ttl, Milliseconds(hours(6)));
}

TEST(InstanceTtl, ExtendingWithoutTtlEndsThatLongFromNow) {
  ManagedInstance instance =
      managed("i-1", "running", kTestNow - hours(3) - seconds(20) - Milliseconds(400));
  auto ttl = extended_ttl(instance, minutes(30), kTestNow);
  ASSERT_TRUE(ttl);
  EXPECT_EQ(*ttl, Milliseconds(hours(3) + minutes(30) + seconds(20)));  // whole seconds of age
}

TEST(InstanceTtl, ExtendingBeyondTheLongestDurationIsRefused) {
  ManagedInstance instance = managed("i-1", "running").tagged("spawn:ttl", "3649d");
  auto ttl = extended_ttl(instance, std::chrono::days(2), kTestNow);
  ASSERT_FALSE(ttl);
  EXPECT_EQ(ttl.error().kind, ErrorKind::usage);
  EXPECT_TRUE(extended_ttl(instance, std::chrono::days(1), kTestNow));
}

TEST(InstanceTtl, PlannedExtensionMovesTheDeadline) {
  ManagedInstance instance =
      managed("i-1", "running", kTestNow - hours(1)).tagged("spawn:ttl", "4h");
  auto plan = plan_extension(instance, hours(2), kTestNow);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->old_ttl, Milliseconds(hours(4)));
  EXPECT_EQ(plan->old_deadline, kTestNow + hours(3));
  EXPECT_EQ(plan->new_ttl, Milliseconds(hours(6)));
  EXPECT_EQ(plan->new_deadline, kTestNow + hours(5));
}

TEST(InstanceTtl, OnlyRunningInstancesAreExtended) {
  for (std::string state : {"stopped", "pending", "stopping"}) {
    auto plan = plan_extension(managed("i-1", state).tagged("spawn:ttl", "4h"), hours(1), kTestNow);
    ASSERT_FALSE(plan) << state;
    EXPECT_EQ(plan.error().kind, ErrorKind::conflict);
    EXPECT_NE(plan.error().message.find(state), std::string::npos);
  }
}

TEST(InstanceTtl, StopSavesWhatIsLeftInWholeSeconds) {
  ManagedInstance instance =
      managed("i-1", "running", kTestNow - hours(1) - Milliseconds(250)).tagged("spawn:ttl", "4h");
  EXPECT_EQ(ttl_to_save(instance, kTestNow), Milliseconds(hours(3) - seconds(1)));
}

TEST(InstanceTtl, NothingToSaveWithoutTtlOrOncePassed) {
  EXPECT_FALSE(ttl_to_save(managed("i-1", "running"), kTestNow));
  ManagedInstance expired =
      managed("i-1", "running", kTestNow - hours(5)).tagged("spawn:ttl", "4h");
  EXPECT_FALSE(ttl_to_save(expired, kTestNow));
}

}  // namespace
}  // namespace spawn::ops
