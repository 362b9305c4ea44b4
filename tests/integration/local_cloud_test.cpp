// `spawn --local` with a real spawn-localcloud process that spawn starts itself,
// on a state dir under a temporary XDG_DATA_HOME: started once and reused, the
// user's AWS set-up kept out, and `spawn localcloud status|stop|reset`.
#include "spawn/ops/local_cloud.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "aws/ec2.hpp"
#include "localcloud/catalog/public_images.hpp"
#include "localcloud_fixture.hpp"
#include "platform/process.hpp"
#include "spawn/cli.hpp"
#include "spawn/ops/local_cloud_server.hpp"

namespace spawn::integration {
namespace {

constexpr std::string_view kImageParameter =
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
constexpr std::chrono::seconds kCommandTimeout{60};

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class LocalCloudFromSpawn : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = std::make_unique<TempDir>();
    env_ = std::make_unique<MapEnvironment>();
    env_->set("HOME", home_->path().string());
    env_->set("XDG_DATA_HOME", (home_->path() / "data").string());
    env_->set("SPAWN_LOCALCLOUD", LOCALCLOUD_BINARY);
    env_->set("PATH", "/usr/bin:/bin");
  }
  static void TearDownTestSuite() {
    if (auto stopped = ops::stop_local_cloud(*env_); !stopped)
      ADD_FAILURE() << "cannot stop the local cloud: " << stopped.error().message;
    env_.reset();
    home_.reset();
  }

  static const Environment& env() { return *env_; }
  static std::filesystem::path state_dir() { return home_->path() / "data/spawn/localcloud"; }

  static ops::LocalCloud ensure() {
    auto cloud = ops::ensure_local_cloud(env(), {});
    EXPECT_TRUE(cloud) << cloud.error().message << "\n" << ops::server_log_tail(state_dir());
    return cloud ? *cloud : ops::LocalCloud{};
  }

  // spawn's command line in-process, with `answers` typed at a terminal when given.
  static Outcome spawn(std::vector<std::string> args, const Environment& with_env = env(),
                       const std::optional<std::string>& answers = std::nullopt) {
    std::ostringstream out, err;
    std::istringstream in(answers.value_or(""));
    cli::Terminals terminals;
    if (answers)
      terminals.in = platform::IsTerminal::yes;
    int exit_code = cli::run(std::move(args), with_env, {out, err, &in}, terminals);
    return {exit_code, out.str(), err.str()};
  }

  // spawn as a child process, for the commands that replace themselves (connect).
  static platform::ProcessResult spawn_process(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"env",
                                  "HOME=" + *env().get("HOME"),
                                  "XDG_DATA_HOME=" + *env().get("XDG_DATA_HOME"),
                                  "SPAWN_LOCALCLOUD=" + std::string(LOCALCLOUD_BINARY),
                                  SPAWN_BINARY,
                                  "--local"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto ran = platform::run_process(argv, {.timeout = kCommandTimeout});
    EXPECT_TRUE(ran) << ran.error().message;
    return ran ? *ran : platform::ProcessResult{-1, "", ran.error().message};
  }

  // Launches an instance in the local cloud with spawn's tags; its id once it runs.
  static std::string launch_running(const ops::LocalCloud& cloud, const std::string& user_data) {
    auto local_env = ops::local_cloud_environment(env(), cloud);
    aws::SessionOptions options;
    options.endpoint_url = cloud.endpoint_url;
    auto session = aws::make_session(options, *local_env);
    EXPECT_TRUE(session) << session.error().message;
    if (!session)
      return "";
    aws::Ec2Client ec2((*session)->client());
    aws::RunInstancesRequest request;
    request.image_id =
        std::string(localcloud::find_public_image_by_parameter(kImageParameter)->image_id);
    request.instance_type = "t3.micro";
    request.user_data = user_data;
    request.tag_specifications = {{"instance", {{"spawn:managed", "true"}, {"Name", "local"}}}};
    auto reservation = ec2.run_instances(request);
    EXPECT_TRUE(reservation) << reservation.error().message;
    if (!reservation)
      return "";
    std::string id = reservation->instances.at(0).instance_id;
    EXPECT_TRUE(wait_until([&] {
      auto described = ec2.describe_instances_all({.ids = {id}});
      return described && !described->empty() && described->front().state.name == "running";
    })) << id;
    return id;
  }

 private:
  inline static std::unique_ptr<TempDir> home_;
  inline static std::unique_ptr<MapEnvironment> env_;
};

TEST_F(LocalCloudFromSpawn, StartsOneServerInTheBackgroundAndReusesIt) {
  ASSERT_TRUE(ops::stop_local_cloud(env()));
  std::vector<std::filesystem::path> told;
  auto first = ops::ensure_local_cloud(
      env(), [&](const std::filesystem::path& dir) { told.push_back(dir); });
  ASSERT_TRUE(first) << first.error().message << "\n" << ops::server_log_tail(state_dir());
  EXPECT_TRUE(first->started_now);
  EXPECT_EQ(told, std::vector<std::filesystem::path>{state_dir()});
  EXPECT_EQ(first->state_dir, state_dir());
  EXPECT_TRUE(first->endpoint_url.starts_with("http://127.0.0.1:")) << first->endpoint_url;
  EXPECT_TRUE(ops::answers_health(first->endpoint_url));
  EXPECT_TRUE(std::filesystem::exists(state_dir() / "server.log"));

  auto again = ops::ensure_local_cloud(env(), [&](const auto& dir) { told.push_back(dir); });
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(again->started_now);
  EXPECT_EQ(again->endpoint_url, first->endpoint_url);
  EXPECT_EQ(told.size(), 1u) << "a running server is not started again";
  auto running = ops::running_local_cloud(env());
  ASSERT_TRUE(running && *running);
  EXPECT_EQ((*running)->endpoint_url, first->endpoint_url);
}

TEST_F(LocalCloudFromSpawn, WhoamiAnswersWithTheLocalAccountWhateverTheUsersAwsSetUp) {
  OverlayEnvironment user(env());
  user.set("AWS_PROFILE", "production-profile-that-does-not-exist");
  user.set("AWS_ACCESS_KEY_ID", "AKIAREALKEYOFTHEUSER");
  user.set("AWS_SECRET_ACCESS_KEY", "real-secret");
  user.set("AWS_SESSION_TOKEN", "real-session-token");
  user.set("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
  auto whoami = spawn({"--local", "whoami", "--output", "json"}, user);
  ASSERT_EQ(whoami.exit_code, 0) << whoami.err;
  auto identity = nlohmann::json::parse(whoami.out);
  EXPECT_EQ(identity["account"], "123456789012");
  EXPECT_EQ(identity["region"], "us-east-1");

  user.set("SPAWN_LOCAL", "1");
  auto by_env = spawn({"whoami", "--region", "eu-west-1", "--output", "json"}, user);
  ASSERT_EQ(by_env.exit_code, 0) << by_env.err;
  EXPECT_EQ(nlohmann::json::parse(by_env.out)["region"], "eu-west-1");
}

TEST_F(LocalCloudFromSpawn, LocalRefusesAnEndpointOrAProfileBesideIt) {
  auto endpoint = spawn({"--local", "--endpoint-url", "http://127.0.0.1:9", "whoami"});
  EXPECT_EQ(endpoint.exit_code, 2);
  EXPECT_NE(endpoint.err.find("--endpoint-url cannot be used with --local"), std::string::npos)
      << endpoint.err;
  EXPECT_EQ(spawn({"--local", "--profile", "work", "whoami"}).exit_code, 2);
}

TEST_F(LocalCloudFromSpawn, StatusCountsInstancesAndResetForgetsThem) {
  auto cloud = ensure();
  ASSERT_TRUE(ops::reset_local_cloud(env(), {}));
  auto id = launch_running(cloud, "");
  ASSERT_FALSE(id.empty());

  auto status = spawn({"localcloud", "status", "--output", "json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  auto document = nlohmann::json::parse(status.out);
  EXPECT_EQ(document["running"], true);
  EXPECT_EQ(document["endpoint_url"], cloud.endpoint_url);
  EXPECT_EQ(document["instances"], nlohmann::json({{"running", 1}}));

  auto unasked = spawn({"localcloud", "reset"});
  EXPECT_EQ(unasked.exit_code, 2) << "nobody to ask: --yes is needed";
  auto declined = spawn({"localcloud", "reset"}, env(), "n\n");
  EXPECT_EQ(declined.exit_code, 0) << declined.err;
  EXPECT_EQ(ops::local_cloud_status(env())->instances_by_state.size(), 1u);

  auto reset = spawn({"localcloud", "reset"}, env(), "y\n");
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  auto after = ops::local_cloud_status(env());
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_TRUE(after->instances_by_state.empty());
  EXPECT_FALSE(std::filesystem::exists(state_dir() / "instances" / id)) << "its sandbox is gone";
}

TEST_F(LocalCloudFromSpawn, StopEndsTheServerAndStatusSaysSo) {
  auto cloud = ensure();
  auto stop = spawn({"localcloud", "stop"});
  ASSERT_EQ(stop.exit_code, 0) << stop.err;
  EXPECT_NE(stop.out.find("Stopped spawn-localcloud"), std::string::npos) << stop.out;
  EXPECT_FALSE(ops::answers_health(cloud.endpoint_url));
  auto running = ops::running_local_cloud(env());
  ASSERT_TRUE(running);
  EXPECT_FALSE(running->has_value());

  auto status = spawn({"localcloud", "status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("not running"), std::string::npos) << status.out;
  auto again = spawn({"localcloud", "stop"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("was not running"), std::string::npos) << again.out;
}

TEST_F(LocalCloudFromSpawn, ConnectOpensAShellInTheSandboxOfARunningInstance) {
  auto cloud = ensure();
  auto id = launch_running(cloud, "");
  ASSERT_FALSE(id.empty());
  // The shell reads its commands from stdin, /dev/null here: it ends at once, with 0.
  auto connected = spawn_process({"connect", id});
  EXPECT_EQ(connected.exit_code, 0) << connected.error_output;
  EXPECT_NE(connected.error_output.find("Opening a shell in the instance's sandbox"),
            std::string::npos)
      << connected.error_output;

  auto local_env = ops::local_cloud_environment(env(), cloud);
  aws::SessionOptions options;
  options.endpoint_url = cloud.endpoint_url;
  auto session = aws::make_session(options, *local_env);
  ASSERT_TRUE(session);
  ASSERT_TRUE(aws::Ec2Client((*session)->client()).stop_instances({.instance_ids = {id}}));
  auto refused = spawn({"--local", "connect", id});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("instance is not running"), std::string::npos) << refused.err;
}

TEST_F(LocalCloudFromSpawn, ConnectRunsACommandInTheSandboxAndStatusAsksTheAgentThere) {
  auto cloud = ensure();
  // A stand-in for spored that answers `spored status` with its arguments.
  auto id = launch_running(cloud,
                           "#!/bin/sh\nmkdir -p /usr/local/bin\n"
                           "printf '#!/bin/sh\\necho stand-in agent: $*\\n' > "
                           "/usr/local/bin/spored.new\nchmod 755 /usr/local/bin/spored.new\n"
                           "mv /usr/local/bin/spored.new /usr/local/bin/spored\n");
  ASSERT_FALSE(id.empty());

  auto ran = spawn_process({"connect", id, "--command", "echo inside $(hostname); exit 3"});
  EXPECT_EQ(ran.exit_code, 3) << ran.error_output;
  EXPECT_NE(ran.output.find("inside "), std::string::npos) << ran.output;

  // The user-data runs after boot: status is asked once the stand-in is there.
  EXPECT_TRUE(wait_until([&] {
    return spawn_process({"connect", id, "--command", "test -x /usr/local/bin/spored"}).exit_code ==
           0;
  })) << spawn_process({"connect", id, "--command",
                        "ls -l /usr/local/bin /var/log; cat /var/log/*"})
             .output;
  auto status = spawn({"--local", "status", id});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("stand-in agent: status"), std::string::npos) << status.out;
}

}  // namespace
}  // namespace spawn::integration
