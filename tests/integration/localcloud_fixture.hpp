// What the integration and e2e tests share: a temporary state dir, an in-process
// localcloud on a free port with spawn's own EC2, IAM and S3 clients pointed at it,
// its admin API, a way to read files an instance wrote inside its sandbox, and
// waiting on a condition with a deadline (instances boot asynchronously).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "aws/ec2.hpp"
#include "aws/iam.hpp"
#include "aws/s3.hpp"
#include "aws/session.hpp"
#include "aws/transport.hpp"
#include "localcloud/app/localcloud.hpp"
#include "temp_dir.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::integration {

// How long a test waits for one thing an instance does (boots, writes a file, stops).
inline constexpr std::chrono::seconds kDeadline{20};

// Polls `predicate` every 25 ms until it holds (true) or `timeout` passes (false).
bool wait_until(const std::function<bool()>& predicate,
                std::chrono::milliseconds timeout = kDeadline);

// The file's content, or nullopt when it does not exist (yet).
std::optional<std::string> read_text(const std::filesystem::path& path);

// A fresh directory, removed with everything in it on destruction.
using TempDir = testing::TempDir;

// What a test may change about its localcloud.
struct TestCloudOptions {
  localcloud::DefaultVpc default_vpc = localcloud::DefaultVpc::yes;
  std::chrono::milliseconds iam_propagation{0};  // FaultSettings::iam_propagation
};

// One in-process localcloud (boot delay 0) on `state_dir`, clients signed with its test keys,
// and a plain HTTP client for its admin API.
class TestCloud {
 public:
  static Result<std::unique_ptr<TestCloud>> start(const std::filesystem::path& state_dir,
                                                  const TestCloudOptions& options = {});
  ~TestCloud();
  TestCloud(const TestCloud&) = delete;
  TestCloud& operator=(const TestCloud&) = delete;

  aws::Ec2Client& ec2() { return ec2_; }
  aws::IamClient& iam() { return iam_; }
  aws::S3Client& s3() { return s3_; }
  // The signed client the service clients above use, for code that takes an AwsClient.
  aws::AwsClient& client() { return session_->client(); }
  // POSTs `body` (JSON, or nothing) to the admin API: `path` such as
  // "/_localcloud/instances/i-0123/spot-interruption" or "/_localcloud/faults". ErrorKind::aws
  // unless it answers 2xx.
  Result<void> admin_post(std::string_view path, std::string body = {});
  // DELETEs `path` ("/_localcloud/requests" forgets the request log).
  Result<void> admin_delete(std::string_view path);
  // GETs `path` from the admin API ("/_localcloud/requests"); the answer's body.
  Result<std::string> admin_get(std::string_view path);
  // Stops the server and halts every sandbox; state stays in the state dir.
  void stop() { server_->stop(); }

  // Launches one instance of the public Amazon Linux image (t3.micro unless the request
  // names a type) and returns its id.
  Result<std::string> launch(aws::RunInstancesRequest request);
  // The instance as DescribeInstances shows it, or nullopt when it cannot be described.
  std::optional<aws::Instance> describe(const std::string& instance_id);
  // The instance's state name ("running", ...), or "" when it cannot be described.
  std::string state_of(const std::string& instance_id);
  // Waits until the instance is in `state`.
  bool wait_for_state(const std::string& instance_id, const std::string& state,
                      std::chrono::milliseconds timeout = kDeadline);
  // The URL spawn's clients (and the AWS CLI) send requests to.
  std::string endpoint_url() const;
  // Where localcloud keeps its state; tests may keep their own files beside it.
  const std::filesystem::path& state_dir() const { return state_dir_; }
  // The instance's folder on this machine (sandbox root, console log); deleted on termination.
  std::filesystem::path folder_of(const std::string& instance_id) const;
  // The instance's sandbox root on this machine: what it sees as "/".
  std::filesystem::path root_of(const std::string& instance_id) const;
  // The content of `path_inside` (absolute, as the instance sees it), when it exists.
  std::optional<std::string> file_of(const std::string& instance_id,
                                     const std::string& path_inside) const;
  // Waits until the instance's `path_inside` exists and returns its content ("" on timeout).
  std::string wait_for_file(const std::string& instance_id, const std::string& path_inside);
  // The instance's console output, for failure messages and checks.
  std::string console_of(const std::string& instance_id);

 private:
  TestCloud(std::filesystem::path state_dir, std::unique_ptr<localcloud::Localcloud> server,
            std::unique_ptr<MapEnvironment> env, std::unique_ptr<aws::Session> session);

  std::filesystem::path state_dir_;
  std::unique_ptr<localcloud::Localcloud> server_;
  std::unique_ptr<MapEnvironment> env_;  // the session reads it again for credentials
  std::unique_ptr<aws::Session> session_;
  Result<std::string> admin_send(std::string_view method, std::string_view path,
                                 std::string body = {});

  std::unique_ptr<aws::HttpTransport> admin_transport_;
  aws::Ec2Client ec2_;
  aws::IamClient iam_;
  aws::S3Client s3_;
};

// A test suite that owns one localcloud on its own temp state dir, started before the
// suite's first test and stopped after its last. `Suite` is the derived fixture, so
// that every suite gets its own.
template <typename Suite>
class CloudSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { start_cloud_with({}); }
  // For suites whose cloud differs (no default VPC, faults): call from their SetUpTestSuite.
  static void start_cloud_with(const TestCloudOptions& options) {
    dir_ = std::make_unique<TempDir>();
    options_ = options;
    start_cloud();
  }
  static void TearDownTestSuite() {
    cloud_.reset();
    dir_.reset();
  }
  void SetUp() override { ASSERT_TRUE(cloud_ != nullptr) << "localcloud did not start"; }

  // Starts (again) a localcloud on the suite's state dir, stopping the running one first.
  static void start_cloud() {
    cloud_.reset();
    auto cloud = TestCloud::start(dir_->path(), options_);
    ASSERT_TRUE(cloud) << "cannot start localcloud: " << cloud.error().message;
    cloud_ = std::move(*cloud);
  }
  static TestCloud& cloud() { return *cloud_; }

 private:
  inline static std::unique_ptr<TempDir> dir_;
  inline static TestCloudOptions options_;
  inline static std::unique_ptr<TestCloud> cloud_;
};

// A bash user-data: `body` after a `put PATH TEXT` function that writes a file atomically
// (so the test never reads it half written).
std::string bash_user_data(std::string_view body);

// Python 3 source defining imds_get(path): an IMDSv2 GET of latest/meta-data/<path>, with a
// fresh token, from the instance's own endpoint ($AWS_EC2_METADATA_SERVICE_ENDPOINT).
extern const std::string_view kImdsGetPython;

// A user-data that appends a line to /tmp/user-data-runs, installs a per-boot script that
// appends a line to /tmp/per-boot-runs at every later boot, and leaves a background loop
// writing an increasing counter to /tmp/counter every 100 ms.
std::string boot_counting_user_data();

// Lines in `text` (0 when absent).
int line_count(const std::optional<std::string>& text);

}  // namespace spawn::integration
