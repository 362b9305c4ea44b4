#include "spored/sensors/activity.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "sensor_test_support.hpp"

namespace spawn::spored {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const SystemTime kStart{std::chrono::seconds(1'800'000'000)};

Counters reading(SystemTime at, std::vector<CpuTimes> cpus, std::uint64_t network,
                 std::uint64_t disk) {
  Counters counters;
  counters.taken_at = at;
  counters.cpus = std::move(cpus);
  counters.network_bytes = network;
  counters.disk_bytes = disk;
  return counters;
}

TEST(ActivityBetween, RatesOfThisMachineOverARecordedInterval) {
  // The two recordings were taken 4.335 s apart, around a CPU loop, a 20 MB write and apt-get.
  auto interval = milliseconds(4335);
  Counters before = read_counters(testing::sensor_fixture("this_machine/before"), kStart);
  Counters after = read_counters(testing::sensor_fixture("this_machine/after"), kStart + interval);
  Activity activity = activity_between(before, after);
  EXPECT_EQ(activity.interval, interval);
  // cpu0: 313 busy jiffies of 439; cpu1 only 126 of 438.
  EXPECT_THAT(activity.cpu_percent.value_or(-1), DoubleNear(100.0 * 313 / 439, 1e-9));
  EXPECT_EQ(activity.network_bytes_per_minute, std::uint64_t{245292} * 60'000 / 4335);
  EXPECT_EQ(activity.disk_bytes_per_minute, std::uint64_t{32227328} * 60'000 / 4335);
  EXPECT_THAT(activity.problems, IsEmpty());
}

TEST(ActivityBetween, CpuIsTheBusiestCpuNotTheAverage) {
  std::vector<CpuTimes> idle_machine(8, CpuTimes{0, 0});
  std::vector<CpuTimes> one_busy_cpu(8, CpuTimes{0, 6000});
  one_busy_cpu[5] = CpuTimes{5400, 6000};
  Activity activity = activity_between(reading(kStart, idle_machine, 0, 0),
                                       reading(kStart + minutes(1), one_busy_cpu, 0, 0));
  EXPECT_THAT(activity.cpu_percent.value_or(-1), DoubleNear(90, 1e-9));
}

TEST(ActivityBetween, ComparesOnlyCpusPresentInBothReadings) {
  std::vector<CpuTimes> two_cpus{{0, 0}, {0, 0}};
  std::vector<CpuTimes> one_cpu{{100, 1000}};
  Activity activity = activity_between(reading(kStart, two_cpus, 0, 0),
                                       reading(kStart + minutes(1), one_cpu, 0, 0));
  EXPECT_THAT(activity.cpu_percent.value_or(-1), DoubleNear(10, 1e-9));
}

TEST(ActivityBetween, ACpuThatDidNotTickIsIdle) {
  std::vector<CpuTimes> same{{500, 1000}};
  Activity activity =
      activity_between(reading(kStart, same, 0, 0), reading(kStart + minutes(1), same, 0, 0));
  EXPECT_EQ(activity.cpu_percent, 0.0);
}

TEST(ActivityBetween, IdleTimeGoingBackwardsNeverGivesMoreThanFullyBusy) {
  // proc(5): iowait can decrease; the total then grows less than the busy time.
  Activity activity = activity_between(reading(kStart, {{1000, 5000}}, 0, 0),
                                       reading(kStart + minutes(1), {{1600, 5400}}, 0, 0));
  EXPECT_EQ(activity.cpu_percent, 100.0);
}

TEST(ActivityBetween, BytesPerMinuteScaleWithTheInterval) {
  Activity activity = activity_between(
      reading(kStart, {{0, 0}}, 1000, 5000),
      reading(kStart + std::chrono::seconds(30), {{0, 0}}, 6000, 5000 + 512 * 100));
  EXPECT_EQ(activity.network_bytes_per_minute, 10'000u);
  EXPECT_EQ(activity.disk_bytes_per_minute, 102'400u);
}

TEST(ActivityBetween, HugeDeltasDoNotOverflow) {
  auto huge = std::numeric_limits<std::uint64_t>::max() / 2;
  Activity activity = activity_between(reading(kStart, {{0, 0}}, 0, 0),
                                       reading(kStart + minutes(2), {{0, 0}}, huge, 0));
  EXPECT_EQ(activity.network_bytes_per_minute, huge / 120'000 * 60'000);
}

TEST(ActivityBetween, CountersGoingBackwardsGiveNoRateAndSayWhy) {
  Activity activity = activity_between(reading(kStart, {{0, 0}}, 9000, 9000),
                                       reading(kStart + minutes(1), {{0, 0}}, 100, 100));
  EXPECT_FALSE(activity.network_bytes_per_minute.has_value());
  EXPECT_FALSE(activity.disk_bytes_per_minute.has_value());
  EXPECT_THAT(activity.problems, ElementsAre("network counter went backwards (interface reset?)",
                                             "disk counter went backwards (volume detached?)"));
}

TEST(ActivityBetween, ACounterMissingFromEitherReadingIsMissingAndProblemsAreKeptOnce) {
  Counters before = reading(kStart, {{0, 0}}, 0, 0);
  before.network_bytes.reset();
  before.problems = {"/proc/net/dev: no such file"};
  Counters after = reading(kStart + minutes(1), {{0, 0}}, 0, 0);
  after.cpus.reset();
  after.problems = {"/proc/net/dev: no such file", "/proc/stat: no such file"};
  Activity activity = activity_between(before, after);
  EXPECT_FALSE(activity.network_bytes_per_minute.has_value());
  EXPECT_FALSE(activity.cpu_percent.has_value());
  EXPECT_EQ(activity.disk_bytes_per_minute, 0u);
  EXPECT_THAT(activity.problems,
              ElementsAre("/proc/net/dev: no such file", "/proc/stat: no such file"));
}

TEST(ActivityBetween, NoRatesWhenTheReadingsAreNotInTimeOrder) {
  for (auto gap : {milliseconds(0), milliseconds(-60'000)}) {
    Activity activity = activity_between(reading(kStart, {{0, 0}}, 0, 0),
                                         reading(kStart + gap, {{100, 100}}, 10, 10));
    EXPECT_FALSE(activity.cpu_percent.has_value());
    EXPECT_FALSE(activity.network_bytes_per_minute.has_value());
    EXPECT_FALSE(activity.disk_bytes_per_minute.has_value());
    EXPECT_EQ(activity.problems.size(), 1u);
  }
}

}  // namespace
}  // namespace spawn::spored
