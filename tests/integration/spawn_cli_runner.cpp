#include "spawn_cli_runner.hpp"

#include <sstream>

#include "localcloud/auth/credential_store.hpp"
#include "localcloud/catalog/public_images.hpp"
#include "spawn/cli.hpp"

namespace spawn::integration {

namespace {

constexpr std::string_view kImageParameter =
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

std::string endpoint_of(TestCloud& cloud) {
  auto endpoint = cloud.client().endpoints().endpoint(aws::services::ec2, "us-east-1");
  return endpoint ? endpoint->to_string() : std::string();
}

}  // namespace

std::vector<aws::Tag> spawn_tags(const std::string& name, std::vector<aws::Tag> more) {
  more.push_back({"spawn:managed", "true"});
  more.push_back({"Name", name});
  return more;
}

SpawnCli::SpawnCli(TestCloud& cloud) : endpoint_(endpoint_of(cloud)) {
  env_.set("AWS_ACCESS_KEY_ID", std::string(localcloud::kDefaultAccessKeyId));
  env_.set("AWS_SECRET_ACCESS_KEY", std::string(localcloud::kDefaultSecretAccessKey));
  env_.set("AWS_CONFIG_FILE", "/dev/null");
  env_.set("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
  env_.set("AWS_EC2_METADATA_DISABLED", "true");
  env_.set("AWS_REGION", "us-east-1");
  env_.set("HOME", home_.path().string());
  env_.set("XDG_DATA_HOME", (home_.path() / "data").string());
  aws::SessionOptions options;
  options.region = "us-east-1";
  options.endpoint_url = endpoint_;
  auto made = aws::make_session(options, env_);
  EXPECT_TRUE(made) << made.error().message;
  if (made)
    session_ = std::move(*made);
}

CliOutcome SpawnCli::run(std::vector<std::string> args, const std::optional<std::string>& answers) {
  args.insert(args.begin(), {"--endpoint-url", endpoint_});
  std::ostringstream out, err;
  std::istringstream in(answers.value_or(""));
  cli::Terminals terminals;
  if (answers)
    terminals.in = platform::IsTerminal::yes;
  int exit_code = cli::run(std::move(args), env_, {out, err, &in}, terminals);
  return {exit_code, out.str(), err.str()};
}

std::string SpawnCli::launch(const std::string& region, const std::vector<aws::Tag>& tags,
                             const std::string& instance_type, bool hibernation) {
  aws::AwsClient client = session_->client_for(region);
  aws::RunInstancesRequest request;
  request.image_id =
      std::string(localcloud::find_public_image_by_parameter(kImageParameter)->image_id);
  request.instance_type = instance_type;
  request.hibernation_configured = hibernation;
  request.tag_specifications = {{"instance", tags}};
  auto reservation = aws::Ec2Client(client).run_instances(request);
  EXPECT_TRUE(reservation) << reservation.error().message;
  if (!reservation)
    return "";
  std::string id = reservation->instances.at(0).instance_id;
  EXPECT_TRUE(wait_for_state(region, id, "running")) << id;
  return id;
}

std::optional<aws::Instance> SpawnCli::describe(const std::string& region, const std::string& id) {
  aws::AwsClient client = session_->client_for(region);
  auto instances = aws::Ec2Client(client).describe_instances_all({.ids = {id}});
  if (!instances || instances->empty())
    return std::nullopt;
  return std::move(instances->front());
}

std::optional<std::string> SpawnCli::tag_of(const std::string& region, const std::string& id,
                                            const std::string& key) {
  auto instance = describe(region, id);
  return instance ? aws::tag_value(instance->tags, key) : std::nullopt;
}

bool SpawnCli::wait_for_state(const std::string& region, const std::string& id,
                              const std::string& state) {
  return wait_until([&] {
    auto instance = describe(region, id);
    return instance && instance->state.name == state;
  });
}

}  // namespace spawn::integration
