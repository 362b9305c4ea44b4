#include <gtest/gtest.h>

#include "ec2_test_fixture.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud::testing {
namespace {

class AttributesTest : public Ec2Test {
 protected:
  std::string attribute(const std::string& id, std::string_view name) {
    Answer answer =
        call("DescribeInstanceAttribute", "InstanceId=" + id + "&Attribute=" + std::string(name));
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_STREQ(answer.root().child_value("instanceId"), id.c_str());
    return answer.root().child(std::string(name).c_str()).child_value("value");
  }
};

TEST_F(AttributesTest, DescribesWhatRunInstancesSet) {
  std::string script = base64_encode("#!/bin/bash\ntouch /tmp/x\n");
  auto ids = launch("UserData=" + script + "&InstanceInitiatedShutdownBehavior=terminate");
  EXPECT_EQ(attribute(ids[0], "userData"), script);
  EXPECT_EQ(attribute(ids[0], "instanceInitiatedShutdownBehavior"), "terminate");
  EXPECT_EQ(attribute(ids[0], "instanceType"), "t3.micro");
  EXPECT_EQ(attribute(ids[0], "disableApiTermination"), "false");
  auto plain = launch();
  EXPECT_EQ(attribute(plain[0], "userData"), "");
  EXPECT_EQ(attribute(plain[0], "instanceInitiatedShutdownBehavior"), "stop");
}

TEST_F(AttributesTest, UnknownAttributesAndInstancesAreRefused) {
  auto ids = launch();
  EXPECT_EQ(call("DescribeInstanceAttribute", "InstanceId=" + ids[0] + "&Attribute=colour").code,
            "InvalidParameterValue");
  EXPECT_EQ(
      call("DescribeInstanceAttribute", "InstanceId=i-0123456789abcdef0&Attribute=userData").code,
      "InvalidInstanceID.NotFound");
  EXPECT_EQ(call("DescribeInstanceAttribute", "InstanceId=" + ids[0]).code, "MissingParameter");
}

TEST_F(AttributesTest, InstanceTypeChangesOnlyWhileStopped) {
  auto ids = launch();
  ASSERT_TRUE(wait_for_state(ids[0], "running"));
  Answer refused =
      call("ModifyInstanceAttribute", "InstanceId=" + ids[0] + "&InstanceType.Value=t3.large");
  EXPECT_EQ(refused.code, "IncorrectInstanceState");
  ASSERT_EQ(call("StopInstances", "InstanceId.1=" + ids[0]).status, 200);
  ASSERT_TRUE(wait_for_state(ids[0], "stopped"));
  ASSERT_EQ(call("ModifyInstanceAttribute",
                 "InstanceId=" + ids[0] + "&Attribute=instanceType&Value=t3.large")
                .status,
            200);
  EXPECT_EQ(attribute(ids[0], "instanceType"), "t3.large");
}

TEST_F(AttributesTest, ShutdownBehaviourChangesAnyTime) {
  auto ids = launch();
  ASSERT_EQ(call("ModifyInstanceAttribute",
                 "InstanceId=" + ids[0] + "&InstanceInitiatedShutdownBehavior.Value=terminate")
                .status,
            200);
  EXPECT_EQ(attribute(ids[0], "instanceInitiatedShutdownBehavior"), "terminate");
  EXPECT_EQ(call("ModifyInstanceAttribute",
                 "InstanceId=" + ids[0] + "&InstanceInitiatedShutdownBehavior.Value=melt")
                .code,
            "InvalidParameterValue");
}

TEST_F(AttributesTest, ConsoleOutputIsTheHostsBase64Encoded) {
  auto ids = launch();
  Answer answer = call("GetConsoleOutput", "InstanceId=" + ids[0]);
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(base64_decode(answer.root().child_value("output")).value_or(""),
            "console of " + ids[0] + "\n");
  EXPECT_FALSE(std::string(answer.root().child_value("timestamp")).empty());
  EXPECT_EQ(call("GetConsoleOutput", "InstanceId=i-0123456789abcdef0").code,
            "InvalidInstanceID.NotFound");
}

}  // namespace
}  // namespace spawn::localcloud::testing
