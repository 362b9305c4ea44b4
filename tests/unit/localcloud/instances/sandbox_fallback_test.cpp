// The reduced-isolation fallback, forced: the boot script runs as a plain child
// process in a session of its own, inside the root folder, and halt still finds
// and ends every process of that session.

#include <gtest/gtest.h>

#include "localcloud/instances/sandbox.hpp"
#include "sandbox_test_support.hpp"

namespace spawn::localcloud {
namespace {

using test::eventually;
using test::read_text;

class SandboxFallbackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made =
        Sandbox::create(state_.path(), SandboxOptions{.isolation = Isolation::plain_process});
    ASSERT_TRUE(made) << made.error().message;
    sandbox_ = std::move(*made);
  }

  Result<void> boot(std::string_view user_data) {
    return sandbox_->start(SandboxBoot{
        "i-plain", "ip-127-0-0-9.ec2.internal", std::string(user_data), BootMode::first, {}});
  }
  std::filesystem::path root_file(std::string_view inside) {
    return sandbox_->paths("i-plain").host_path(inside);
  }

  test::TempFolder state_;
  std::unique_ptr<Sandbox> sandbox_;
};

TEST_F(SandboxFallbackTest, RunsUserDataWithItsHomeAndTemporaryFolderInTheRoot) {
  EXPECT_EQ(sandbox_->isolation(), Isolation::plain_process);
  ASSERT_TRUE(boot(R"(#!/bin/bash
echo "$HOME" > "$LOCALCLOUD_ROOT/tmp/home"
pwd > "$LOCALCLOUD_ROOT/tmp/where"
touch "$TMPDIR/SPAWN_COMPLETE"
echo hello from the fallback
)"));
  ASSERT_TRUE(
      eventually([&] { return std::filesystem::exists(root_file("/tmp/SPAWN_COMPLETE")); }));
  auto root = sandbox_->paths("i-plain").root.string();
  EXPECT_EQ(read_text(root_file("/tmp/home")), root + "/home/ec2-user\n");
  EXPECT_EQ(read_text(root_file("/tmp/where")), root + "\n");
  EXPECT_TRUE(eventually([&] {
    return sandbox_->console_output("i-plain").find("hello from the fallback") != std::string::npos;
  }));
}

TEST_F(SandboxFallbackTest, HaltEndsADaemonThatLeftTheProcessTree) {
  // The subshell exits at once, so the sleeper is re-parented away from the boot script
  // and is found only by its session.
  ASSERT_TRUE(boot("#!/bin/bash\n( sleep 1002 & )\n"));
  std::optional<ProcessInfo> daemon;
  ASSERT_TRUE(eventually(
      [&] { return (daemon = test::find_process(list_processes(), "sleep 1002")).has_value(); }));
  auto top = sandbox_->processes("i-plain").front();
  EXPECT_EQ(daemon->session, top.pid);
  EXPECT_NE(daemon->parent, top.pid);
  sandbox_->halt("i-plain");
  EXPECT_TRUE(eventually([&] { return test::is_gone(*daemon); }));
  EXPECT_TRUE(eventually([&] { return test::is_gone(top); }));
}

}  // namespace
}  // namespace spawn::localcloud
