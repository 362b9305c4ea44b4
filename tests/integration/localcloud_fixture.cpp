#include "localcloud_fixture.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "aws/beast_transport.hpp"
#include "localcloud/auth/credential_store.hpp"
#include "localcloud/catalog/public_images.hpp"

namespace spawn::integration {

namespace fs = std::filesystem;

namespace {

constexpr std::chrono::milliseconds kPollInterval{25};
constexpr std::string_view kImageParameter =
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
constexpr std::string_view kRegion = "us-east-1";

std::unique_ptr<MapEnvironment> test_environment() {
  return std::make_unique<MapEnvironment>(std::map<std::string, std::string, std::less<>>{
      {"AWS_ACCESS_KEY_ID", std::string(localcloud::kDefaultAccessKeyId)},
      {"AWS_SECRET_ACCESS_KEY", std::string(localcloud::kDefaultSecretAccessKey)},
      {"AWS_CONFIG_FILE", "/dev/null"},
      {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"},
      {"AWS_EC2_METADATA_DISABLED", "true"}});
}

}  // namespace

bool wait_until(const std::function<bool()>& predicate, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!predicate()) {
    if (std::chrono::steady_clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(kPollInterval);
  }
  return true;
}

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

Result<std::unique_ptr<TestCloud>> TestCloud::start(const fs::path& state_dir,
                                                    const TestCloudOptions& test_options) {
  localcloud::LocalcloudOptions options;
  options.state_dir = state_dir;
  options.ec2.boot_delay = std::chrono::milliseconds(0);
  options.ec2.default_vpc = test_options.default_vpc;
  options.faults.iam_propagation = test_options.iam_propagation;
  auto server = localcloud::Localcloud::start(options);
  if (!server)
    return std::unexpected(server.error());
  auto env = test_environment();
  aws::SessionOptions session_options;
  session_options.region = std::string(kRegion);
  session_options.endpoint_url = (*server)->endpoint_url();
  auto session = aws::make_session(session_options, *env);
  if (!session)
    return std::unexpected(session.error());
  return std::unique_ptr<TestCloud>(
      new TestCloud(state_dir, std::move(*server), std::move(env), std::move(*session)));
}

TestCloud::TestCloud(fs::path state_dir, std::unique_ptr<localcloud::Localcloud> server,
                     std::unique_ptr<MapEnvironment> env, std::unique_ptr<aws::Session> session)
    : state_dir_(std::move(state_dir)),
      server_(std::move(server)),
      env_(std::move(env)),
      session_(std::move(session)),
      admin_transport_(aws::make_beast_transport(aws::TransportOptions{})),
      ec2_(session_->client()),
      iam_(session_->client()),
      s3_(session_->client()) {}

TestCloud::~TestCloud() {
  server_->stop();
}

Result<std::string> TestCloud::launch(aws::RunInstancesRequest request) {
  request.image_id =
      std::string(localcloud::find_public_image_by_parameter(kImageParameter)->image_id);
  if (request.instance_type.empty())
    request.instance_type = "t3.micro";
  auto reservation = ec2_.run_instances(request);
  if (!reservation)
    return std::unexpected(reservation.error());
  return reservation->instances.at(0).instance_id;
}

Result<std::string> TestCloud::admin_send(std::string_view method, std::string_view path,
                                          std::string body) {
  auto url = aws::Url::parse(server_->endpoint_url() + std::string(path));
  if (!url)
    return std::unexpected(url.error());
  aws::HttpRequest request;
  request.method = std::string(method);
  request.url = *url;
  request.body = std::move(body);
  auto response = admin_transport_->send(request, aws::Timeouts{});
  if (!response)
    return std::unexpected(response.error());
  if (response->status / 100 != 2)
    return fail(ErrorKind::aws, std::string(method) + " " + std::string(path) + ": " +
                                    std::to_string(response->status) + " " + response->body);
  return std::move(response->body);
}

Result<void> TestCloud::admin_post(std::string_view path, std::string body) {
  auto answered = admin_send("POST", path, std::move(body));
  if (!answered)
    return std::unexpected(answered.error());
  return {};
}

Result<void> TestCloud::admin_delete(std::string_view path) {
  auto answered = admin_send("DELETE", path);
  if (!answered)
    return std::unexpected(answered.error());
  return {};
}

std::string TestCloud::endpoint_url() const {
  return server_->endpoint_url();
}

Result<std::string> TestCloud::admin_get(std::string_view path) {
  return admin_send("GET", path);
}

std::optional<aws::Instance> TestCloud::describe(const std::string& instance_id) {
  aws::DescribeRequest request;
  request.ids = {instance_id};
  auto instances = ec2_.describe_instances_all(request);
  if (!instances || instances->empty())
    return std::nullopt;
  return std::move(instances->front());
}

std::string TestCloud::state_of(const std::string& instance_id) {
  auto instance = describe(instance_id);
  return instance ? instance->state.name : "";
}

bool TestCloud::wait_for_state(const std::string& instance_id, const std::string& state,
                               std::chrono::milliseconds timeout) {
  return wait_until([&] { return state_of(instance_id) == state; }, timeout);
}

fs::path TestCloud::folder_of(const std::string& instance_id) const {
  return state_dir_ / "instances" / instance_id;
}

fs::path TestCloud::root_of(const std::string& instance_id) const {
  return folder_of(instance_id) / "root";
}

std::optional<std::string> TestCloud::file_of(const std::string& instance_id,
                                              const std::string& path_inside) const {
  return read_text(root_of(instance_id) / fs::path(path_inside).relative_path());
}

std::string TestCloud::wait_for_file(const std::string& instance_id,
                                     const std::string& path_inside) {
  std::string content;
  wait_until([&] {
    auto text = file_of(instance_id, path_inside);
    content = text.value_or("");
    return text.has_value();
  });
  return content;
}

std::string bash_user_data(std::string_view body) {
  return "#!/bin/bash\nset -u\n"
         "put() { printf '%s\\n' \"$2\" > \"$1.part\" && mv \"$1.part\" \"$1\"; }\n" +
         std::string(body);
}

const std::string_view kImdsGetPython = R"(import os, urllib.request
IMDS = os.environ["AWS_EC2_METADATA_SERVICE_ENDPOINT"].rstrip("/")
def imds_token():
    request = urllib.request.Request(IMDS + "/latest/api/token", method="PUT",
                                     headers={"X-aws-ec2-metadata-token-ttl-seconds": "60"})
    return urllib.request.urlopen(request, timeout=5).read().decode()
def imds_get(path):
    request = urllib.request.Request(IMDS + "/latest/meta-data/" + path,
                                     headers={"X-aws-ec2-metadata-token": imds_token()})
    return urllib.request.urlopen(request, timeout=5).read().decode()
)";

std::string boot_counting_user_data() {
  return bash_user_data(R"(echo run >> /tmp/user-data-runs
mkdir -p /var/lib/cloud/scripts/per-boot
printf '#!/bin/bash\necho boot >> /tmp/per-boot-runs\n' > /var/lib/cloud/scripts/per-boot/10-count
chmod +x /var/lib/cloud/scripts/per-boot/10-count
( n=0; while true; do n=$((n+1)); put /tmp/counter "$n"; sleep 0.1; done ) >/dev/null 2>&1 &
)");
}

int line_count(const std::optional<std::string>& text) {
  return text ? static_cast<int>(std::count(text->begin(), text->end(), '\n')) : 0;
}

std::string TestCloud::console_of(const std::string& instance_id) {
  auto console = ec2_.get_console_output(instance_id);
  return console ? console->output : "(no console output: " + console.error().message + ")";
}

}  // namespace spawn::integration
