// Real sandboxes under bubblewrap: user-data runs in the instance's own root,
// its output is the console, and halt, freeze, thaw, destroy and a second boot act
// on the real processes. bubblewrap is required here; its absence is a failure.

#include "localcloud/instances/sandbox.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>

#include "sandbox_test_support.hpp"

namespace spawn::localcloud {
namespace {

using test::eventually;
using test::read_text;

constexpr std::string_view kSleeper = "#!/bin/bash\nsleep 1000 &\necho started the sleeper\n";

class SandboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = Sandbox::create(state_.path(), SandboxOptions{.isolation = Isolation::bubblewrap});
    ASSERT_TRUE(made) << "these tests need a working bubblewrap: " << made.error().message;
    sandbox_ = std::move(*made);
  }

  Result<void> boot(const std::string& id, std::string_view user_data,
                    BootMode mode = BootMode::first) {
    return sandbox_->start(SandboxBoot{id,
                                       "ip-127-0-0-9.ec2.internal",
                                       std::string(user_data),
                                       mode,
                                       {{"AWS_REGION", "us-east-1"}}});
  }

  std::filesystem::path root_file(const std::string& id, std::string_view inside) {
    return sandbox_->paths(id).host_path(inside);
  }

  bool console_shows(const std::string& id, std::string_view text, int times = 1) {
    auto console = sandbox_->console_output(id);
    int found = 0;
    for (auto at = console.find(text); at != std::string::npos; at = console.find(text, at + 1)) {
      ++found;
    }
    return found >= times;
  }

  // The host-side process of the sleeper that kSleeper starts.
  std::optional<ProcessInfo> sleeper(const std::string& id) {
    std::optional<ProcessInfo> found;
    eventually([&] {
      return (found = test::find_process(sandbox_->processes(id), "sleep 1000")).has_value();
    });
    return found;
  }

  test::TempFolder state_;
  std::unique_ptr<Sandbox> sandbox_;
};

TEST_F(SandboxTest, UserDataWritesIntoItsOwnRootOnly) {
  ASSERT_TRUE(boot("i-first", "#!/bin/bash\ntouch /tmp/SPAWN_COMPLETE\n"));
  ASSERT_TRUE(
      boot("i-second", "#!/bin/bash\nls /tmp/SPAWN_COMPLETE >/tmp/looked 2>&1; echo done\n"));
  EXPECT_TRUE(eventually(
      [&] { return std::filesystem::exists(root_file("i-first", "/tmp/SPAWN_COMPLETE")); }));
  EXPECT_TRUE(eventually([&] { return console_shows("i-second", "boot finished"); }));
  EXPECT_FALSE(std::filesystem::exists(root_file("i-second", "/tmp/SPAWN_COMPLETE")));
  EXPECT_NE(read_text(root_file("i-second", "/tmp/looked")).find("No such file"),
            std::string::npos);
}

TEST_F(SandboxTest, ConsoleOutputCapturesTheScriptsOutput) {
  ASSERT_TRUE(boot("i-console", "#!/bin/bash\necho hello from user-data\necho oops >&2\n"));
  EXPECT_TRUE(eventually([&] { return console_shows("i-console", "boot finished"); }));
  auto console = sandbox_->console_output("i-console");
  EXPECT_NE(console.find("hello from user-data"), std::string::npos) << console;
  EXPECT_NE(console.find("oops"), std::string::npos) << console;
}

TEST_F(SandboxTest, ConsoleOutputIsTheMostRecent64KiB) {
  ASSERT_TRUE(boot("i-chatty", "#!/bin/bash\nhead -c 100000 /dev/zero | tr '\\0' x\necho\n"));
  EXPECT_TRUE(eventually([&] { return console_shows("i-chatty", "boot finished"); }));
  auto console = sandbox_->console_output("i-chatty");
  EXPECT_EQ(console.size(), kConsoleOutputLimit);
  EXPECT_TRUE(console.ends_with("boot finished\n")) << console.substr(console.size() - 100);
  EXPECT_EQ(console.find("booting"), std::string::npos);  // the first line is cut off
}

TEST_F(SandboxTest, ProcessesHaveTheirOwnPidNamespaceAndHostname) {
  ASSERT_TRUE(boot(
      "i-ns", "#!/bin/bash\nreadlink /proc/self/ns/pid > /tmp/pidns\nhostname > /tmp/hostname\n"));
  ASSERT_TRUE(eventually([&] { return !read_text(root_file("i-ns", "/tmp/hostname")).empty(); }));
  EXPECT_NE(read_text(root_file("i-ns", "/tmp/pidns")),
            std::filesystem::read_symlink("/proc/self/ns/pid").string() + "\n");
  EXPECT_NE(read_text(root_file("i-ns", "/tmp/pidns")), "");
  EXPECT_EQ(read_text(root_file("i-ns", "/tmp/hostname")), "ip-127-0-0-9.ec2.internal\n");
}

TEST_F(SandboxTest, HostEtcIsReadOnlyButEtcSpawnAndSystemdUnitsAreWritable) {
  ASSERT_TRUE(boot("i-etc", R"(#!/bin/bash
echo ok > /etc/spawn/config && echo spawn-writable >> /tmp/result
echo '[Service]' > /etc/systemd/system/x.service && echo units-writable >> /tmp/result
echo bad >> /etc/hosts || echo hosts-read-only >> /tmp/result
grep -q '^ID=' /etc/os-release && echo os-release-readable >> /tmp/result
/usr/bin/test -x /usr/bin/bash && echo usr-shared >> /tmp/result
echo finished >> /tmp/result
)"));
  ASSERT_TRUE(eventually([&] {
    return read_text(root_file("i-etc", "/tmp/result")).find("finished") != std::string::npos;
  }));
  EXPECT_EQ(read_text(root_file("i-etc", "/tmp/result")),
            "spawn-writable\nunits-writable\nhosts-read-only\nos-release-readable\nusr-"
            "shared\nfinished\n");
  EXPECT_EQ(read_text(root_file("i-etc", "/etc/spawn/config")), "ok\n");
}

TEST_F(SandboxTest, HaltKillsBackgroundProcessesAndKeepsTheFiles) {
  ASSERT_TRUE(boot("i-halt", kSleeper));
  auto sleep = sleeper("i-halt");
  ASSERT_TRUE(sleep);
  sandbox_->halt("i-halt");
  EXPECT_TRUE(eventually([&] { return test::is_gone(*sleep); }));
  EXPECT_TRUE(sandbox_->processes("i-halt").empty());
  EXPECT_TRUE(
      std::filesystem::exists(root_file("i-halt", "/var/lib/cloud/instance/user-data.txt")));
}

TEST_F(SandboxTest, FreezeStopsEveryProcessAndThawResumesThem) {
  ASSERT_TRUE(boot("i-freeze", kSleeper));
  ASSERT_TRUE(sleeper("i-freeze"));
  auto all_in_state = [&](auto pick) {
    auto processes = sandbox_->processes("i-freeze");
    return !processes.empty() && std::ranges::all_of(processes, pick);
  };
  sandbox_->freeze("i-freeze");
  EXPECT_TRUE(eventually(
      [&] { return all_in_state([](const ProcessInfo& p) { return p.state == 'T'; }); }));
  sandbox_->thaw("i-freeze");
  EXPECT_TRUE(eventually(
      [&] { return all_in_state([](const ProcessInfo& p) { return p.state != 'T'; }); }));
}

TEST_F(SandboxTest, HaltEndsAFrozenSandbox) {
  ASSERT_TRUE(boot("i-frozen", kSleeper));
  auto sleep = sleeper("i-frozen");
  ASSERT_TRUE(sleep);
  sandbox_->freeze("i-frozen");
  sandbox_->halt("i-frozen");
  EXPECT_TRUE(eventually([&] { return test::is_gone(*sleep); }));
}

TEST_F(SandboxTest, DestroyKillsAndRemovesTheInstanceFolder) {
  ASSERT_TRUE(boot("i-destroy", kSleeper));
  auto sleep = sleeper("i-destroy");
  ASSERT_TRUE(sleep);
  sandbox_->destroy("i-destroy");
  EXPECT_TRUE(eventually([&] { return test::is_gone(*sleep); }));
  EXPECT_FALSE(std::filesystem::exists(sandbox_->paths("i-destroy").instance_dir));
}

TEST_F(SandboxTest, BootingARunningInstanceIsAConflict) {
  ASSERT_TRUE(boot("i-twice", kSleeper));
  auto again = boot("i-twice", kSleeper);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
}

TEST_F(SandboxTest, SecondBootRunsPerBootScriptsButNotUserDataAgain) {
  ASSERT_TRUE(boot("i-again", R"(#!/bin/bash
echo user-data >> /var/lib/spored/runs
printf '#!/bin/bash\necho per-boot >> /var/lib/spored/runs\n' > /var/lib/cloud/scripts/per-boot/10-count
chmod +x /var/lib/cloud/scripts/per-boot/10-count
)"));
  ASSERT_TRUE(eventually([&] { return console_shows("i-again", "boot finished"); }));
  sandbox_->halt("i-again");
  ASSERT_TRUE(
      boot("i-again", "#!/bin/bash\necho user-data >> /var/lib/spored/runs\n", BootMode::again));
  ASSERT_TRUE(eventually([&] { return console_shows("i-again", "boot finished", 2); }));
  EXPECT_EQ(read_text(root_file("i-again", "/var/lib/spored/runs")), "user-data\nper-boot\n");
}

// localcloud killed outright (no destructor runs): the sandbox dies with it. The
// "localcloud" here is a forked copy of the test that boots one sandbox and waits.
TEST(SandboxLifetime, SandboxDiesWithTheProcessThatStartedIt) {
  test::TempFolder state;
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t localcloud = ::fork();
  ASSERT_GE(localcloud, 0);
  if (localcloud == 0) {
    auto sandbox =
        Sandbox::create(state.path(), SandboxOptions{.isolation = Isolation::bubblewrap});
    if (!sandbox || !(*sandbox)->start(SandboxBoot{
                        "i-orphan", "orphan", std::string(kSleeper), BootMode::first, {}})) {
      ::_exit(1);
    }
    auto top = (*sandbox)->processes("i-orphan").front().pid;
    (void)!::write(ready[1], &top, sizeof top);
    ::pause();
    ::_exit(0);
  }
  ::close(ready[1]);
  pid_t top = 0;
  ASSERT_EQ(::read(ready[0], &top, sizeof top), static_cast<ssize_t>(sizeof top));
  std::optional<ProcessInfo> sleep;
  ASSERT_TRUE(eventually([&] {
    return (sleep = test::find_process(sandbox_members(list_processes(), top), "sleep 1000"))
        .has_value();
  }));
  ::kill(localcloud, SIGKILL);
  ::waitpid(localcloud, nullptr, 0);
  EXPECT_TRUE(eventually([&] { return test::is_gone(*sleep); }));
  ::close(ready[0]);
}

}  // namespace
}  // namespace spawn::localcloud
