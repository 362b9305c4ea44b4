#include "spored/sensors/counters.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sensor_test_support.hpp"

namespace spawn::spored {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::read_sensor_fixture;
using testing::sensor_fixture;

// The hand-written EC2 machine: nvme0n1 and xvda are disks, both with partitions, plus loop0.
constexpr std::uint64_t kEc2DiskBytes = (2000 + 3000 + 400 + 600) * 512;
constexpr std::uint64_t kEc2NetworkBytes = 123456789012 + 987654321 + 1000 + 2000;

TEST(ProcStat, ReadsEachCpuLineAndSkipsTheAggregate) {
  auto cpus = parse_proc_stat(read_sensor_fixture("ec2/proc/stat"));
  ASSERT_TRUE(cpus.has_value()) << cpus.error().message;
  // Guest time (the ninth column, 100 on cpu0) is already part of user time.
  EXPECT_THAT(*cpus, ElementsAre(CpuTimes{1222, 6252}, CpuTimes{2300, 6300}, CpuTimes{606, 8616},
                                 CpuTimes{0, 9000}));
}

TEST(ProcStat, ReadsThisMachinesRecording) {
  auto cpus = parse_proc_stat(read_sensor_fixture("this_machine/before/proc/stat"));
  ASSERT_TRUE(cpus.has_value()) << cpus.error().message;
  ASSERT_EQ(cpus->size(), 2u);
  EXPECT_EQ((*cpus)[0], (CpuTimes{2082481, 2366145}));
}

TEST(ProcStat, AcceptsOldKernelsWithoutStealColumn) {
  auto cpus = parse_proc_stat("cpu  4 0 2 10\ncpu0 4 0 2 10\n");
  ASSERT_TRUE(cpus.has_value()) << cpus.error().message;
  EXPECT_THAT(*cpus, ElementsAre(CpuTimes{6, 16}));
}

TEST(ProcStat, RejectsTextWithoutCpuLinesOrWithBrokenOnes) {
  for (std::string_view text : {"", "cpu  1 2 3 4 5 6 7 8\nintr 5\n", "cpu0 1 2 three 4 5\n",
                                "cpu0 1 2 3\n", "cpu0 1 2 3 -4 5 6 7 8\n"}) {
    auto cpus = parse_proc_stat(text);
    ASSERT_FALSE(cpus.has_value()) << text;
    EXPECT_EQ(cpus.error().kind, ErrorKind::parse);
    EXPECT_THAT(cpus.error().message, HasSubstr("/proc/stat"));
  }
}

TEST(NetDev, AddsEveryInterfaceButLoopbackIncludingNamesGluedToNumbers) {
  auto bytes = parse_net_dev(read_sensor_fixture("ec2/proc/net/dev"));
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  EXPECT_EQ(*bytes, kEc2NetworkBytes);
}

TEST(NetDev, ReadsThisMachinesRecording) {
  auto bytes = parse_net_dev(read_sensor_fixture("this_machine/before/proc/net/dev"));
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  EXPECT_EQ(*bytes, 170878337u + 181805u);  // eth0; lo's 896741468 bytes are not counted
}

TEST(NetDev, OnlyLoopbackIsZero) {
  auto bytes = parse_net_dev("h1\nh2\n    lo: 50 1 0 0 0 0 0 0 50 1 0 0 0 0 0 0\n");
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  EXPECT_EQ(*bytes, 0u);
}

TEST(NetDev, RejectsMissingHeaderAndBrokenLines) {
  for (std::string_view text :
       {"", "only one line\n", "h1\nh2\neth0 1 2 3 4 5 6 7 8 9\n",
        "h1\nh2\neth0: 1 2 3 4 5 6 7 8\n", "h1\nh2\neth0: x 2 3 4 5 6 7 8 9\n"}) {
    auto bytes = parse_net_dev(text);
    ASSERT_FALSE(bytes.has_value()) << text;
    EXPECT_EQ(bytes.error().kind, ErrorKind::parse);
  }
}

TEST(Diskstats, CountsWholeDisksListedInSysBlock) {
  auto bytes = parse_diskstats(read_sensor_fixture("ec2/proc/diskstats"),
                               whole_disk_rule(sensor_fixture("ec2")));
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  EXPECT_EQ(*bytes, kEc2DiskBytes);
}

TEST(Diskstats, CountsWholeDisksByNameWithoutSysBlock) {
  testing::TempDir no_sys_block;
  auto bytes = parse_diskstats(read_sensor_fixture("ec2/proc/diskstats"),
                               whole_disk_rule(no_sys_block.path()));
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  EXPECT_EQ(*bytes, kEc2DiskBytes);
}

TEST(Diskstats, ReadsThisMachinesRecordingCountingVdaButNotLoopOrZram) {
  auto bytes = parse_diskstats(read_sensor_fixture("this_machine/before/proc/diskstats"),
                               whole_disk_rule(sensor_fixture("this_machine/before")));
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  EXPECT_EQ(*bytes, (std::uint64_t{18936922} + 373022680) * 512);
}

TEST(Diskstats, RejectsShortOrNonNumericLines) {
  auto any_disk = [](std::string_view) { return true; };
  for (std::string_view text : {"259 0 nvme0n1 1 2 3 4 5 6\n", "259 0 nvme0n1 1 2 x 4 5 6 7 8\n"}) {
    auto bytes = parse_diskstats(text, any_disk);
    ASSERT_FALSE(bytes.has_value()) << text;
    EXPECT_EQ(bytes.error().kind, ErrorKind::parse);
  }
}

TEST(WholeDiskRule, NvmeNamespaceIsADiskAndItsPartitionsAreNot) {
  testing::TempDir no_sys_block;
  for (const auto& root : {sensor_fixture("ec2"), no_sys_block.path()}) {
    auto is_whole_disk = whole_disk_rule(root);
    EXPECT_TRUE(is_whole_disk("nvme0n1")) << root;
    EXPECT_FALSE(is_whole_disk("nvme0n1p1")) << root;
    EXPECT_FALSE(is_whole_disk("nvme0n1p128")) << root;
    EXPECT_TRUE(is_whole_disk("xvda")) << root;
    EXPECT_FALSE(is_whole_disk("xvda1")) << root;
    EXPECT_FALSE(is_whole_disk("loop0")) << root;
  }
}

TEST(WholeDiskRule, NamesDecideWhenSysBlockIsMissing) {
  testing::TempDir no_sys_block;
  auto is_whole_disk = whole_disk_rule(no_sys_block.path());
  for (std::string_view disk : {"sda", "sdb", "vda", "xvdf", "nvme1n1", "nvme10n2"})
    EXPECT_TRUE(is_whole_disk(disk)) << disk;
  for (std::string_view other :
       {"sda1", "vda15", "nvme1", "nvme1n", "nvme1n1p2", "dm-0", "md0", "zram0", "ram0", "sr0", ""})
    EXPECT_FALSE(is_whole_disk(other)) << other;
}

TEST(WholeDiskRule, SysBlockDecidesWhenPresentButNeverForVirtualDevices) {
  testing::TempDir root;
  for (std::string_view name : {"mmcblk0", "dm-0", "md127", "zram0", "ram0", "loop3"})
    root.folder("sys/block/" + std::string(name));
  auto is_whole_disk = whole_disk_rule(root.path());
  EXPECT_TRUE(is_whole_disk("mmcblk0"));  // not a known name, but the kernel says it is a disk
  EXPECT_FALSE(is_whole_disk("sda"));     // a known name, but not on this machine
  for (std::string_view virtual_device : {"dm-0", "md127", "zram0", "ram0", "loop3"})
    EXPECT_FALSE(is_whole_disk(virtual_device)) << virtual_device;
}

TEST(ReadCounters, ReadsEveryCounterUnderTheRoot) {
  SystemTime now{std::chrono::seconds(1'800'000'000)};
  Counters counters = read_counters(sensor_fixture("ec2"), now);
  EXPECT_EQ(counters.taken_at, now);
  ASSERT_TRUE(counters.cpus.has_value());
  EXPECT_EQ(counters.cpus->size(), 4u);
  EXPECT_EQ(counters.network_bytes, kEc2NetworkBytes);
  EXPECT_EQ(counters.disk_bytes, kEc2DiskBytes);
  EXPECT_THAT(counters.problems, ::testing::IsEmpty());
}

TEST(ReadCounters, MissingFilesLeaveTheirCounterEmptyAndSayWhich) {
  testing::TempDir empty_root;
  Counters counters = read_counters(empty_root.path(), SystemTime{});
  EXPECT_FALSE(counters.cpus.has_value());
  EXPECT_FALSE(counters.network_bytes.has_value());
  EXPECT_FALSE(counters.disk_bytes.has_value());
  EXPECT_THAT(counters.problems,
              ElementsAre("/proc/stat: no such file", "/proc/net/dev: no such file",
                          "/proc/diskstats: no such file"));
}

TEST(ReadCounters, AnUnreadableFileOnlyLosesItsOwnCounter) {
  testing::TempDir root;
  root.write("proc/stat", "intr 5\n");
  root.write("proc/net/dev", read_sensor_fixture("ec2/proc/net/dev"));
  root.write("proc/diskstats", read_sensor_fixture("ec2/proc/diskstats"));
  Counters counters = read_counters(root.path(), SystemTime{});
  EXPECT_FALSE(counters.cpus.has_value());
  EXPECT_EQ(counters.network_bytes, kEc2NetworkBytes);
  EXPECT_EQ(counters.disk_bytes, kEc2DiskBytes);  // no sys/block here: names decide
  ASSERT_EQ(counters.problems.size(), 1u);
  EXPECT_THAT(counters.problems[0], HasSubstr("/proc/stat"));
}

}  // namespace
}  // namespace spawn::spored
