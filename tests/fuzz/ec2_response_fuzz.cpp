// Feeds arbitrary bytes as the 200 answer of the EC2 client's operations, so
// every typed parser (instances, state changes, pages, spot prices, base64
// user data and console output) and the `_all` pagination loop see them. The
// same body answers every page, so a body with a <nextToken> must end in the
// repeated-token error rather than loop. Nothing may crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "aws/ec2.hpp"

namespace {

using namespace spawn::aws;

// Answers every request with the fuzz input.
struct ReplayTransport final : HttpTransport {
  std::string body;
  spawn::Result<HttpResponse> send(const HttpRequest&, const Timeouts&) override {
    return HttpResponse{200, {}, body};
  }
};

void call_every_parser(Ec2Client& ec2) {
  (void)ec2.run_instances({.image_id = "ami-1", .client_token = "fuzz"});
  (void)ec2.describe_instances_all({});
  (void)ec2.describe_instance_status({});
  (void)ec2.describe_instance_attribute("i-1", InstanceAttribute::user_data);
  (void)ec2.stop_instances({.instance_ids = {"i-1"}});
  (void)ec2.get_console_output("i-1");
  (void)ec2.create_tags({"i-1"}, {{"k", "v"}});
  (void)ec2.describe_tags({});
  (void)ec2.describe_regions();
  (void)ec2.describe_availability_zones();
  (void)ec2.describe_instance_types_all({});
  (void)ec2.describe_spot_price_history_all({});
  (void)ec2.describe_images({});
  (void)ec2.describe_key_pairs({});
  (void)ec2.create_vpc({.cidr_block = "10.0.0.0/16"});
  (void)ec2.describe_subnets({});
  (void)ec2.describe_internet_gateways({});
  (void)ec2.describe_route_tables({});
  (void)ec2.describe_security_groups({});
  (void)ec2.describe_placement_groups({});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ReplayTransport transport;
  transport.body.assign(reinterpret_cast<const char*>(data), size);
  StaticCredentialsProvider credentials(Credentials{"AKIDEXAMPLE", "secret", "", {}, "fuzz"});
  spawn::FakeClock clock{spawn::SystemTime{}};
  AwsClient client(ClientDeps{
      .transport = transport,
      .credentials = credentials,
      .clock = clock,
      .endpoints = EndpointResolver(EndpointOverrides{"http://127.0.0.1:1", {}}),
      .region = "us-east-1",
      .retry = RetryConfig{.max_attempts = 1},
      .timeouts = {},
      .observer = nullptr,
      .jitter = [] { return 0.0; },
  });
  Ec2Client ec2(client);
  call_every_parser(ec2);
  return 0;
}
