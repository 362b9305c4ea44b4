// The whole instance runtime: a bubblewrap sandbox whose tools reach their own
// IMDS (bash alone, and the real AWS CLI), get no access keys from localcloud's
// environment, and power the instance off through the shutdown shim.

#include "localcloud/instances/sandbox_host.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "fake_metadata_source.hpp"
#include "sandbox_test_support.hpp"

namespace spawn::localcloud {
namespace {

using namespace std::chrono_literals;
using test::eventually;

// The real AWS CLI starts slowly on a busy machine.
constexpr std::chrono::seconds kCliDeadline{90};

// Reads its own instance id through IMDSv2 with nothing but bash's /dev/tcp.
constexpr std::string_view kBashImdsClient = R"SH(#!/bin/bash
authority=${AWS_EC2_METADATA_SERVICE_ENDPOINT#http://}
authority=${authority%%/*}
request() {
  exec 3<>"/dev/tcp/${authority%:*}/${authority##*:}"
  printf '%s %s HTTP/1.1\r\nHost: %s\r\n%s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' \
    "$1" "$2" "$authority" "$3" >&3
  sed '1,/^\r$/d' <&3
  exec 3<&-
}
token=$(request PUT /latest/api/token "X-aws-ec2-metadata-token-ttl-seconds: 60")
request GET /latest/meta-data/instance-id "X-aws-ec2-metadata-token: $token" > /tmp/instance-id.part
mv /tmp/instance-id.part /tmp/instance-id
)SH";

class SandboxHostTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(host_.isolation(), Isolation::bubblewrap)
        << "these tests need a working bubblewrap (see the message above)";
  }

  Result<void> boot(const std::string& id, const std::string& ip, std::string user_data,
                    BootMode mode = BootMode::first) {
    source_.set(test::instance_metadata(id, ip));
    return host_.boot(BootSpec{id, "eu-west-1", ip, std::move(user_data), mode});
  }
  std::string root_text(const std::string& id, std::string_view inside) {
    return test::read_text(host_.paths(id).host_path(inside));
  }

  test::TempFolder state_;
  test::FakeMetadataSource source_;
  SandboxHost host_{state_.path(), "http://127.0.0.1:4566", source_,
                    SandboxHostOptions{.sandbox = {.isolation = Isolation::bubblewrap}}};
};

TEST_F(SandboxHostTest, UserDataReadsItsOwnImdsWithBashAlone) {
  ASSERT_TRUE(boot("i-00000000000000041", "127.0.0.41", std::string(kBashImdsClient)));
  EXPECT_TRUE(eventually([&] {
    return root_text("i-00000000000000041", "/tmp/instance-id") == "i-00000000000000041";
  })) << host_.console_output("i-00000000000000041");
}

TEST_F(SandboxHostTest, EnvironmentPointsAtImdsAndTheApiButHoldsNoKeys) {
  ::setenv("AWS_ACCESS_KEY_ID", "AKIALEAKED", 1);
  ::setenv("AWS_SECRET_ACCESS_KEY", "leaked", 1);
  ASSERT_TRUE(boot("i-00000000000000042", "127.0.0.42",
                   "#!/bin/bash\nenv > /tmp/env.part\nmv /tmp/env.part /tmp/env\n"));
  ::unsetenv("AWS_ACCESS_KEY_ID");
  ::unsetenv("AWS_SECRET_ACCESS_KEY");
  ASSERT_TRUE(eventually([&] { return !root_text("i-00000000000000042", "/tmp/env").empty(); }));
  auto environment = root_text("i-00000000000000042", "/tmp/env");
  auto imds = host_.imds_endpoint("i-00000000000000042");
  ASSERT_TRUE(imds);
  for (const auto& line :
       {"AWS_EC2_METADATA_SERVICE_ENDPOINT=" + *imds + "/",
        std::string("AWS_ENDPOINT_URL=http://127.0.0.1:4566"), std::string("AWS_REGION=eu-west-1"),
        std::string("AWS_DEFAULT_REGION=eu-west-1"), std::string("AWS_PAGER=\n"),
        std::string("HOME=/home/ec2-user"), std::string("PATH=/opt/localcloud/bin:")}) {
    EXPECT_NE(environment.find(line), std::string::npos) << line << "\n" << environment;
  }
  EXPECT_EQ(environment.find("AWS_ACCESS_KEY_ID"), std::string::npos) << environment;
  EXPECT_EQ(environment.find("AWS_SECRET_ACCESS_KEY"), std::string::npos) << environment;
}

TEST_F(SandboxHostTest, TheRealAwsCliFindsTheRoleCredentialsThroughImds) {
  ASSERT_TRUE(
      boot("i-00000000000000043", "127.0.0.43",
           "#!/bin/bash\naws configure list > /tmp/aws.part 2>&1\nmv /tmp/aws.part /tmp/aws\n"));
  ASSERT_TRUE(eventually([&] { return !root_text("i-00000000000000043", "/tmp/aws").empty(); },
                         kCliDeadline));
  auto listing = root_text("i-00000000000000043", "/tmp/aws");
  EXPECT_NE(listing.find("iam-role"), std::string::npos) << listing;
  EXPECT_NE(listing.find("****OLE1"), std::string::npos) << listing;  // ASIALOCALCLOUDROLE1
  EXPECT_EQ(source_.credential_calls(), 1);
}

TEST_F(SandboxHostTest, ShutdownNowInsideAsksLocalcloudToPowerOff) {
  ASSERT_TRUE(boot("i-00000000000000044", "127.0.0.44", "#!/bin/bash\nshutdown -h now\n"));
  EXPECT_TRUE(eventually([&] {
    return source_.shutdown_requests() == std::vector<std::string>{"i-00000000000000044"};
  })) << host_.console_output("i-00000000000000044");
}

TEST_F(SandboxHostTest, PoweroffByItsHostPathIsTheShimToo) {
  ASSERT_TRUE(boot("i-00000000000000045", "127.0.0.45",
                   "#!/bin/bash\n/usr/sbin/poweroff || /sbin/halt -p\n"));
  EXPECT_TRUE(eventually([&] {
    return source_.shutdown_requests() == std::vector<std::string>{"i-00000000000000045"};
  })) << host_.console_output("i-00000000000000045");
}

TEST_F(SandboxHostTest, HaltClosesImdsAndBootAgainOpensANewOne) {
  ASSERT_TRUE(boot("i-00000000000000046", "127.0.0.46", "#!/bin/bash\necho up\n"));
  auto first = host_.imds_endpoint("i-00000000000000046");
  ASSERT_TRUE(first);
  host_.halt("i-00000000000000046");
  EXPECT_FALSE(host_.imds_endpoint("i-00000000000000046"));
  ASSERT_TRUE(boot("i-00000000000000046", "127.0.0.46", "", BootMode::again));
  EXPECT_TRUE(host_.imds_endpoint("i-00000000000000046"));
  host_.destroy("i-00000000000000046");
  EXPECT_FALSE(host_.imds_endpoint("i-00000000000000046"));
  EXPECT_FALSE(std::filesystem::exists(host_.paths("i-00000000000000046").instance_dir));
}

}  // namespace
}  // namespace spawn::localcloud
