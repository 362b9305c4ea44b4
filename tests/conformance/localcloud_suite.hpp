// The fixture every conformance test uses: one localcloud server per test suite
// (started in SetUpTestSuite on a fresh state dir, stopped in TearDownTestSuite),
// the AWS CLI pointed at it, and names unique to each test so tests sharing a
// server never see each other's resources.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "aws_cli.hpp"

namespace spawn::conformance {

// The SSM parameter naming the current Amazon Linux 2023 x86_64 image.
inline constexpr const char* kAl2023X86Parameter =
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

// A role trust policy that lets EC2 instances assume the role.
inline constexpr const char* kEc2TrustPolicy = R"({
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                 "Action": "sts:AssumeRole"}]
})";

class LocalcloudSuite : public ::testing::Test {
 public:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

 protected:
  // Fails the test (and skips its body) when /usr/bin/aws is missing or the server did not start.
  void SetUp() override;

  // Runs `aws <args>` against the suite's server with the test keys.
  static AwsResult aws(const std::vector<std::string>& args);
  // Runs `aws <args>`, expects it to succeed, and returns its parsed output.
  static nlohmann::json aws_ok(const std::vector<std::string>& args);
  // The CLI with the suite's keys and region: copy it to change keys or region.
  static const AwsCli& cli();
  // The URL of `path` (e.g. "/_localcloud/faults") on the suite's server.
  static std::string server_url(std::string_view path);
  // Stops the server with SIGTERM and starts a new one on the same state dir (new port).
  static ::testing::AssertionResult restart_server();

  // A lowercase name no other test uses (valid as an S3 bucket, IAM or EC2 name).
  std::string unique_name(std::string_view stem) const;
  // A new empty folder of this test's own.
  std::filesystem::path scratch_dir() const;
  // Writes `content` to a file of this test's own and returns its path.
  std::filesystem::path scratch_file(std::string_view name, std::string_view content) const;
  // The AMI the SSM parameter for Amazon Linux 2023 x86_64 names (looked up once per suite,
  // with spawn's client).
  static std::string al2023_image_id();
  // `aws ec2 run-instances` of that image as `instance_type`, with `extra` arguments.
  static AwsResult run_instances(std::string_view instance_type,
                                 const std::vector<std::string>& extra = {});
};

// A --tag-specifications value that tags new instances with `key`=`value`.
std::string instance_tag_spec(std::string_view key, std::string_view value);

// Whether `result` is the CLI reporting the AWS error `code`: exit status 254 and
// "An error occurred (<code>)" on stderr.
::testing::AssertionResult fails_with(const AwsResult& result, std::string_view code);

// Instance ids in RunInstances output (Instances[]) or DescribeInstances output
// (Reservations[].Instances[]), in order.
std::vector<std::string> instance_ids(const nlohmann::json& output);

// The value at JSON pointer `pointer` (e.g. "/Vpc/VpcId"), or null when it is absent.
nlohmann::json json_at(const nlohmann::json& json, const std::string& pointer);
// The string at `pointer`, or "" when it is absent or not a string.
std::string text_at(const nlohmann::json& json, const std::string& pointer);

// The entry of the JSON array `list` whose member `key` is `value`, or null.
nlohmann::json find_by(const nlohmann::json& list, const std::string& key,
                       const std::string& value);

// Each `"Key": k, "Value": v` of a Tags list as a map.
std::map<std::string, std::string> tag_map(const nlohmann::json& tags);

// The bytes of the file at `path` ("" when it cannot be read).
std::string file_content(const std::filesystem::path& path);

// Calls `check` until it returns true or `timeout` passes; whether it returned true.
template <class Check>
bool eventually(std::chrono::milliseconds timeout, Check check) {
  constexpr std::chrono::milliseconds kPollInterval{200};
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!check()) {
    if (std::chrono::steady_clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(kPollInterval);
  }
  return true;
}

}  // namespace spawn::conformance
