#include <gtest/gtest.h>
#include <unistd.h>

#include "ec2_test_fixture.hpp"
#include "localcloud/services/ec2/ec2_instance_document.hpp"

namespace spawn::localcloud::testing {
namespace {

class RestartTest : public Ec2Test {
 protected:
  void SetUp() override {
    // Unique per test and process: ctest runs tests in parallel.
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("ec2-restart-" + name + "-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    use_store_file(dir_ / "state.db");
  }
  void TearDown() override {
    ec2.reset();
    credentials.reset();
    store.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
};

TEST_F(RestartTest, RunningInstancesBootAgainAfterARestart) {
  auto ids = launch();
  ASSERT_TRUE(wait_for_state(ids[0], "running"));
  ASSERT_TRUE(host.wait_for(ids[0], "boot"));
  ec2->halt_all();
  EXPECT_TRUE(host.wait_for(ids[0], "halt"));

  restart();
  ec2->resume_after_restart();
  ASSERT_TRUE(host.wait_for(ids[0], "boot", 2));
  EXPECT_EQ(host.calls().back().mode, BootMode::again);
  EXPECT_EQ(state_of(ids[0]), "running");
}

TEST_F(RestartTest, PendingInstancesBootForTheFirstTimeAfterARestart) {
  options.boot_delay = std::chrono::minutes(10);
  auto ids = launch();
  restart();
  // The boot fell due while localcloud was down.
  auto overdue = store->write([&](Transaction& transaction) -> Result<void> {
    Json* pending = transaction.find("us-east-1", kInstanceKind, ids[0]);
    runtime_of(*pending)[std::string(runtime::kDueAt)] = epoch_ms(clock.now()) - 1000;
    return {};
  });
  ASSERT_TRUE(overdue.has_value());
  ec2->resume_after_restart();
  ASSERT_TRUE(host.wait_for(ids[0], "boot"));
  EXPECT_EQ(host.calls().back().mode, BootMode::first);
  EXPECT_TRUE(wait_for_state(ids[0], "running"));
}

TEST_F(RestartTest, HibernatedInstancesComeBackAsPlainStoppedOnes) {
  auto ids = launch("HibernationOptions.Configured=true");
  ASSERT_TRUE(wait_for_state(ids[0], "running"));
  ASSERT_EQ(call("StopInstances", "Hibernate=true&InstanceId.1=" + ids[0]).status, 200);
  ASSERT_TRUE(host.wait_for(ids[0], "freeze"));
  ASSERT_TRUE(wait_for_state(ids[0], "stopped"));

  restart();
  ec2->resume_after_restart();
  ASSERT_EQ(call("StartInstances", "InstanceId.1=" + ids[0]).status, 200);
  ASSERT_TRUE(host.wait_for(ids[0], "boot", 2));
  EXPECT_EQ(host.calls().back().mode, BootMode::again);
  EXPECT_EQ(host.actions_of(ids[0]), (std::vector<std::string>{"boot", "freeze", "boot"}));
}

TEST_F(RestartTest, AddressesStayTakenAcrossRestarts) {
  auto before = launch();
  std::string taken = instance(before[0]).value("PrivateIpAddress", "");
  restart();
  auto after = launch();
  EXPECT_NE(instance(after[0]).value("PrivateIpAddress", ""), taken);
}

}  // namespace
}  // namespace spawn::localcloud::testing
