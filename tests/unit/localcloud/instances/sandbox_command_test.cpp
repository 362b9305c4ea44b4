// The bubblewrap mount plan and the environment, built from a made-up host layout.

#include "localcloud/instances/sandbox_command.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace spawn::localcloud {
namespace {

HostLayout debian_like_layout() {
  HostLayout layout;
  layout.usr_merge = {{"bin", EntryKind::symlink, "usr/bin"},
                      {"lib", EntryKind::symlink, "usr/lib"},
                      {"lib32", EntryKind::directory, ""}};
  layout.etc = {{"hosts", EntryKind::file, ""},
                {"mtab", EntryKind::symlink, "/proc/mounts"},
                {"spawn", EntryKind::directory, ""},
                {"ssl", EntryKind::directory, ""},
                {"systemd", EntryKind::directory, ""}};
  layout.etc_systemd = {{"journald.conf", EntryKind::file, ""},
                        {"system", EntryKind::directory, ""}};
  layout.init_tools = {"/usr/bin/systemctl"};
  return layout;
}

SandboxBootRequest request_for(BootMode mode) {
  return SandboxBootRequest{instance_paths("/state", "i-0123456789abcdef0"),
                            "ip-127-0-0-2.ec2.internal",
                            mode,
                            {{"AWS_REGION", "eu-west-1"}},
                            {}};
}

bool has(const auto& range, const auto& value) {
  return std::ranges::find(range, value) != std::ranges::end(range);
}

// Where `words` occur in `argv` one after the other, or argv.size().
std::size_t position_of(const std::vector<std::string>& argv, std::vector<std::string> words) {
  auto found = std::ranges::search(argv, words);
  return static_cast<std::size_t>(found.begin() - argv.begin());
}

bool contains(const std::vector<std::string>& argv, std::vector<std::string> words) {
  return position_of(argv, std::move(words)) < argv.size();
}

const std::string kRoot = "/state/instances/i-0123456789abcdef0/root";

TEST(SandboxCommand, BindsTheRootFolderAtSlashBeforeTheHostsParts) {
  auto argv =
      bubblewrap_launch("/usr/bin/bwrap", debian_like_layout(), request_for(BootMode::first)).argv;
  EXPECT_EQ(argv.front(), "/usr/bin/bwrap");
  auto root = position_of(argv, {"--bind", kRoot, "/"});
  ASSERT_LT(root, argv.size());
  EXPECT_LT(root, position_of(argv, {"--ro-bind", "/usr", "/usr"}));
  EXPECT_LT(root, position_of(argv, {"--ro-bind", "/etc/hosts", "/etc/hosts"}));
}

TEST(SandboxCommand, UsrLocalIsTheInstancesOwnAndWritableOverTheHostsUsr) {
  auto argv =
      bubblewrap_launch("/usr/bin/bwrap", debian_like_layout(), request_for(BootMode::first)).argv;
  auto own = position_of(argv, {"--bind", std::string(kRoot) + "/usr/local", "/usr/local"});
  ASSERT_LT(own, argv.size());
  EXPECT_LT(position_of(argv, {"--ro-bind", "/usr", "/usr"}), own);
}

TEST(SandboxCommand, SharesEtcEntriesReadOnlyExceptTheInstancesOwn) {
  auto argv =
      bubblewrap_launch("/usr/bin/bwrap", debian_like_layout(), request_for(BootMode::first)).argv;
  EXPECT_TRUE(contains(argv, {"--ro-bind", "/etc/ssl", "/etc/ssl"}));
  EXPECT_TRUE(
      contains(argv, {"--ro-bind", "/etc/systemd/journald.conf", "/etc/systemd/journald.conf"}));
  EXPECT_FALSE(contains(argv, {"--ro-bind", "/etc/spawn", "/etc/spawn"}));
  EXPECT_FALSE(contains(argv, {"--ro-bind", "/etc/systemd", "/etc/systemd"}));
  EXPECT_FALSE(contains(argv, {"--ro-bind", "/etc/systemd/system", "/etc/systemd/system"}));
  EXPECT_FALSE(contains(argv, {"--ro-bind", "/etc", "/etc"}));
}

TEST(SandboxCommand, MergedUsrLinksAreCreatedOnDiskAndRealFoldersBound) {
  auto layout = debian_like_layout();
  auto argv = bubblewrap_launch("/usr/bin/bwrap", layout, request_for(BootMode::first)).argv;
  EXPECT_TRUE(contains(argv, {"--ro-bind", "/lib32", "/lib32"}));
  EXPECT_FALSE(contains(argv, {"--ro-bind", "/bin", "/bin"}));
  EXPECT_FALSE(has(argv, "--symlink"));  // fails on the second boot
  auto links = root_symlinks(layout);
  std::vector<std::pair<std::string, std::string>> expected{
      {"/bin", "usr/bin"}, {"/lib", "usr/lib"}, {"/etc/mtab", "/proc/mounts"}};
  EXPECT_EQ(links, expected);
}

TEST(SandboxCommand, IsolatesProcessesButSharesTheNetworkAndOurSession) {
  auto argv =
      bubblewrap_launch("/usr/bin/bwrap", debian_like_layout(), request_for(BootMode::first)).argv;
  for (const char* flag :
       {"--unshare-pid", "--die-with-parent", "--unshare-ipc", "--unshare-uts"}) {
    EXPECT_TRUE(has(argv, flag)) << flag;
  }
  EXPECT_FALSE(has(argv, "--unshare-net"));  // IMDS and the API are on 127.x
  EXPECT_FALSE(has(argv, "--unshare-all"));
  EXPECT_FALSE(has(argv, "--new-session"));  // halt finds processes by session
  EXPECT_TRUE(contains(argv, {"--proc", "/proc", "--dev", "/dev"}));
  EXPECT_TRUE(contains(argv, {"--hostname", "ip-127-0-0-2.ec2.internal"}));
}

TEST(SandboxCommand, BindsTheConsoleLogAndTheShimsOverInitTools) {
  auto argv =
      bubblewrap_launch("/usr/bin/bwrap", debian_like_layout(), request_for(BootMode::first)).argv;
  EXPECT_TRUE(contains(argv, {"--bind", "/state/instances/i-0123456789abcdef0/console.log",
                              "/var/lib/localcloud/console.log"}));
  EXPECT_TRUE(
      contains(argv, {"--ro-bind", kRoot + "/opt/localcloud/bin/systemctl", "/usr/bin/systemctl"}));
  std::vector<std::string> tail(argv.end() - 2, argv.end());
  EXPECT_EQ(tail, (std::vector<std::string>{"/bin/bash", "/var/lib/localcloud/boot.sh"}));
}

TEST(SandboxCommand, EnvironmentIsCompleteAndPutsTheShimsFirst) {
  auto environment =
      bubblewrap_launch("/usr/bin/bwrap", debian_like_layout(), request_for(BootMode::again))
          .environment;
  for (const char* variable :
       {"AWS_REGION=eu-west-1", "HOME=/home/ec2-user", "LOCALCLOUD_ROOT=",
        "LOCALCLOUD_CONSOLE=/var/lib/localcloud/console.log", "LOCALCLOUD_BOOT_MODE=again",
        "PATH=/opt/localcloud/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}) {
    EXPECT_TRUE(has(environment, variable)) << variable;
  }
}

TEST(SandboxCommand, PlainLaunchRunsTheBootScriptInsideTheRootFolder) {
  auto launch = plain_launch(request_for(BootMode::first));
  EXPECT_EQ(launch.argv,
            (std::vector<std::string>{"/bin/bash", kRoot + "/var/lib/localcloud/boot.sh"}));
  EXPECT_EQ(launch.working_dir, kRoot);
  for (const std::string& variable :
       std::vector<std::string>{"HOME=" + kRoot + "/home/ec2-user", "TMPDIR=" + kRoot + "/tmp",
                                "LOCALCLOUD_ROOT=" + kRoot, "LOCALCLOUD_BOOT_MODE=first",
                                "PATH=" + kRoot +
                                    "/opt/localcloud/bin:/usr/local/sbin:/usr/local/bin:"
                                    "/usr/sbin:/usr/bin:/sbin:/bin"}) {
    EXPECT_TRUE(has(launch.environment, variable)) << variable;
  }
}

TEST(SandboxCommand, ACommandReplacesTheBootScriptWithTheSameMountsAndEnvironment) {
  auto boot = request_for(BootMode::again);
  auto shell = boot;
  shell.command = {"cat", "/etc/hostname"};
  auto booted = bubblewrap_launch("/usr/bin/bwrap", debian_like_layout(), boot);
  auto entered = bubblewrap_launch("/usr/bin/bwrap", debian_like_layout(), shell);
  std::vector<std::string> tail(entered.argv.end() - 2, entered.argv.end());
  EXPECT_EQ(tail, shell.command);
  EXPECT_EQ(std::vector<std::string>(entered.argv.begin(), entered.argv.end() - 2),
            std::vector<std::string>(booted.argv.begin(), booted.argv.end() - 2));
  EXPECT_EQ(entered.environment, booted.environment);
  EXPECT_EQ(plain_launch(shell).argv, shell.command);
  EXPECT_EQ(plain_launch(shell).working_dir, kRoot);
}

}  // namespace
}  // namespace spawn::localcloud
