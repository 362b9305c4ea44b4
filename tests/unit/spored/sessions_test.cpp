#include "spored/sensors/sessions.hpp"

#include <gtest/gtest.h>
#include <utmpx.h>

#include <string>
#include <string_view>
#include <vector>

#include "sensor_test_support.hpp"

namespace spawn::spored {
namespace {

utmpx record(short type, const char* user, pid_t pid) {
  utmpx entry{};
  entry.ut_type = type;
  entry.ut_pid = pid;
  std::string_view(user).copy(entry.ut_user, sizeof entry.ut_user - 1);
  std::string_view("pts/0").copy(entry.ut_line, sizeof entry.ut_line - 1);
  return entry;
}

// Writes the records as glibc's pututxline() lays them out in <root>/run/utmp, and a
// <root>/proc/<pid> folder for each process that is `running`.
void write_utmp(const testing::TempDir& root, const std::vector<utmpx>& records,
                const std::vector<pid_t>& running) {
  std::string bytes(reinterpret_cast<const char*>(records.data()), records.size() * sizeof(utmpx));
  root.write("run/utmp", bytes);
  for (pid_t pid : running)
    root.folder("proc/" + std::to_string(pid));
}

TEST(CountSessions, NothingUnderTheRootIsNoSession) {
  testing::TempDir root;
  EXPECT_EQ(count_sessions(root.path()), 0);
}

TEST(CountSessions, CountsLoggedInUsersLikeWho) {
  testing::TempDir root;
  write_utmp(root,
             {record(BOOT_TIME, "reboot", 0), record(LOGIN_PROCESS, "LOGIN", 700),
              record(USER_PROCESS, "ec2-user", 1201), record(USER_PROCESS, "alice", 1305),
              record(DEAD_PROCESS, "", 999), record(USER_PROCESS, "", 1400)},
             {700, 1201, 1305, 1400});
  EXPECT_EQ(count_sessions(root.path()), 2);
}

TEST(CountSessions, ALoginWhoseProcessIsGoneIsStale) {
  testing::TempDir root;
  write_utmp(root, {record(USER_PROCESS, "ec2-user", 1201), record(USER_PROCESS, "bob", 4242)},
             {1201});
  EXPECT_EQ(count_sessions(root.path()), 1);
}

TEST(CountSessions, IgnoresATruncatedLastRecord) {
  testing::TempDir root;
  write_utmp(root, {record(USER_PROCESS, "ec2-user", 1201)}, {1201});
  utmpx half = record(USER_PROCESS, "alice", 1201);
  std::string bytes(reinterpret_cast<const char*>(&half), sizeof half / 2);
  std::ofstream(root.path() / "run/utmp", std::ios::binary | std::ios::app) << bytes;
  EXPECT_EQ(count_sessions(root.path()), 1);
}

TEST(CountSessions, CountsNumberedTerminalsButNotPtmx) {
  testing::TempDir root;
  for (std::string_view entry : {"ptmx", "0", "1", "7", "x1"})
    root.write("dev/pts/" + std::string(entry), "");
  EXPECT_EQ(count_sessions(root.path()), 3);
}

TEST(CountSessions, TheLargerOfLoginsAndTerminals) {
  testing::TempDir root;
  write_utmp(root, {record(USER_PROCESS, "ec2-user", 1201), record(USER_PROCESS, "alice", 1305)},
             {1201, 1305});
  root.write("dev/pts/ptmx", "");
  root.write("dev/pts/0", "");
  EXPECT_EQ(count_sessions(root.path()), 2);  // a tmux pane without a login record
  for (std::string_view terminal : {"1", "2"})
    root.write("dev/pts/" + std::string(terminal), "");
  EXPECT_EQ(count_sessions(root.path()), 3);
}

}  // namespace
}  // namespace spawn::spored
