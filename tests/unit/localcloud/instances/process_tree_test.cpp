// Reading /proc/<pid>/stat and picking a sandbox's processes out of a snapshot.

#include "localcloud/instances/process_tree.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>

namespace spawn::localcloud {
namespace {

bool has(const auto& range, const auto& value) {
  return std::ranges::find(range, value) != std::ranges::end(range);
}

std::vector<pid_t> pids_of(const std::vector<ProcessInfo>& processes) {
  std::vector<pid_t> pids;
  for (const auto& process : processes) {
    pids.push_back(process.pid);
  }
  return pids;
}

TEST(ProcessTree, ParsesStatWithSpacesAndParenthesesInTheCommandName) {
  auto info = parse_proc_stat(
      "4242 (my (odd) name) T 4100 4242 4100 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 "
      "1000 200 18446744073709551615\n");
  ASSERT_TRUE(info);
  EXPECT_EQ(info->pid, 4242);
  EXPECT_EQ(info->state, 'T');
  EXPECT_EQ(info->parent, 4100);
  EXPECT_EQ(info->session, 4100);
  EXPECT_EQ(info->start_time, 987654u);
}

TEST(ProcessTree, RejectsTruncatedStat) {
  EXPECT_FALSE(parse_proc_stat("4242 (sleep) S 1 2 3"));
  EXPECT_FALSE(parse_proc_stat("garbage"));
}

TEST(ProcessTree, ReadsThisProcess) {
  auto self = read_process(::getpid());
  ASSERT_TRUE(self);
  EXPECT_EQ(self->parent, ::getppid());
  EXPECT_EQ(self->session, ::getsid(0));
}

TEST(ProcessTree, MembersAreTheTreeAndTheSessionParentsFirst) {
  std::vector<ProcessInfo> snapshot{
      {1, 0, 1, 'S', 1},         // init
      {300, 100, 100, 'S', 9},   // grandchild, listed before its parent
      {100, 1, 100, 'S', 5},     // top: a session leader
      {200, 100, 100, 'S', 7},   // child
      {400, 1, 100, 'S', 11},    // daemon re-parented to init, still in the session
      {500, 400, 100, 'S', 12},  // its child
      {600, 1, 600, 'S', 13},    // a stranger
  };
  auto members = pids_of(sandbox_members(snapshot, 100));
  EXPECT_EQ(members.front(), 100);
  EXPECT_EQ(members.size(), 5u);
  for (pid_t pid : {100, 200, 300, 400, 500}) {
    EXPECT_TRUE(has(members, pid)) << pid;
  }
  auto position = [&](pid_t pid) { return std::ranges::find(members, pid) - members.begin(); };
  EXPECT_LT(position(100), position(300));
  EXPECT_LT(position(400), position(500));
}

TEST(ProcessTree, FindsChildrenThatLeftTheSession) {
  std::vector<ProcessInfo> snapshot{{100, 1, 100, 'S', 5}, {200, 100, 200, 'S', 6}};
  EXPECT_EQ(pids_of(sandbox_members(snapshot, 100)), (std::vector<pid_t>{100, 200}));
}

}  // namespace
}  // namespace spawn::localcloud
