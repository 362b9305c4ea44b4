// The systemctl shim inside a bubblewrap sandbox, driven by user-data the way an
// agent's installer drives systemd: enable --now, Restart=always, restart, stop,
// and enabled units coming back at the next boot.

#include <gtest/gtest.h>
#include <signal.h>

#include "localcloud/instances/sandbox.hpp"
#include "sandbox_test_support.hpp"

namespace spawn::localcloud {
namespace {

using test::eventually;
using test::read_text;

// A unit that counts its starts and then sleeps as "sleep 1003".
std::string install_unit(std::string_view restart) {
  return "cat > /etc/systemd/system/agent.service <<'UNIT'\n"
         "[Unit]\nDescription=test agent\n[Service]\n"
         "Environment=GREETING=hello\n"
         "ExecStart=/bin/bash -c 'echo \"started $GREETING\" | tee -a /var/lib/spored/starts; "
         "exec sleep 1003'\n"
         "Restart=" +
         std::string(restart) +
         "\nRestartSec=0\n"
         "[Install]\nWantedBy=multi-user.target\nUNIT\n"
         "systemctl daemon-reload\n";
}

class SystemctlShimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto made = Sandbox::create(state_.path(), SandboxOptions{.isolation = Isolation::bubblewrap});
    ASSERT_TRUE(made) << "these tests need a working bubblewrap: " << made.error().message;
    sandbox_ = std::move(*made);
  }

  Result<void> boot(const std::string& user_data, BootMode mode = BootMode::first) {
    return sandbox_->start(
        SandboxBoot{"i-units", "ip-127-0-0-9.ec2.internal", "#!/bin/bash\n" + user_data, mode, {}});
  }
  std::string root_text(std::string_view inside) {
    return read_text(sandbox_->paths("i-units").host_path(inside));
  }
  bool starts_are(std::string_view expected) {
    return root_text("/var/lib/spored/starts") == expected;
  }
  std::optional<ProcessInfo> service_process() {
    std::optional<ProcessInfo> found;
    eventually([&] {
      return (found = test::find_process(sandbox_->processes("i-units"), "sleep 1003")).has_value();
    });
    return found;
  }

  test::TempFolder state_;
  std::unique_ptr<Sandbox> sandbox_;
};

TEST_F(SystemctlShimTest, EnableNowStartsTheUnitAndRestartAlwaysBringsItBack) {
  ASSERT_TRUE(boot(install_unit("always") + "systemctl enable --now agent.service\n"
                                            "systemctl is-active agent > /tmp/active\n"));
  ASSERT_TRUE(eventually([&] { return starts_are("started hello\n"); }));
  EXPECT_TRUE(eventually([&] { return root_text("/tmp/active") == "active\n"; }));
  auto service = service_process();
  ASSERT_TRUE(service);
  ASSERT_EQ(::kill(service->pid, SIGKILL), 0);
  EXPECT_TRUE(eventually([&] { return starts_are("started hello\nstarted hello\n"); }));
  EXPECT_TRUE(eventually([&] {
    return root_text("/var/log/journal/agent.log").find("started hello") != std::string::npos;
  }));
  EXPECT_TRUE(eventually([&] {
    return sandbox_->console_output("i-units").find("started hello") != std::string::npos;
  }));
}

TEST_F(SystemctlShimTest, RestartStartsTheUnitAgainAndStopEndsIt) {
  ASSERT_TRUE(boot(install_unit("no") + R"SH(
systemctl start agent
until [ -s /var/lib/spored/starts ]; do sleep 0.05; done
systemctl restart agent
until [ "$(wc -l < /var/lib/spored/starts)" = 2 ]; do sleep 0.05; done
systemctl stop agent
systemctl is-active agent > /tmp/after-stop
systemctl start no-such-unit 2>/dev/null; echo $? > /tmp/unknown-status
)SH"));
  ASSERT_TRUE(eventually([&] { return root_text("/tmp/unknown-status") == "5\n"; }));
  EXPECT_TRUE(starts_are("started hello\nstarted hello\n"));
  EXPECT_EQ(root_text("/tmp/after-stop"), "inactive\n");
  EXPECT_FALSE(test::find_process(sandbox_->processes("i-units"), "sleep 1003"));
}

TEST_F(SystemctlShimTest, EnabledUnitsStartAgainAtTheNextBoot) {
  ASSERT_TRUE(boot(install_unit("no") + "systemctl enable agent\nsystemctl start agent\n"));
  ASSERT_TRUE(eventually([&] { return starts_are("started hello\n"); }));
  sandbox_->halt("i-units");
  ASSERT_TRUE(boot("", BootMode::again));
  EXPECT_TRUE(eventually([&] { return starts_are("started hello\nstarted hello\n"); }));
}

}  // namespace
}  // namespace spawn::localcloud
