#include "ssm_lookup.hpp"

#include "aws/beast_transport.hpp"
#include "aws/ssm.hpp"

namespace spawn::conformance {

std::expected<std::string, std::string> ssm_parameter_value(const ServerEnv& env,
                                                            const std::string& name) {
  auto transport = aws::make_beast_transport(aws::TransportOptions{});
  aws::StaticCredentialsProvider credentials{
      aws::Credentials{env.access_key_id, env.secret_access_key, "", {}, "conformance"}};
  SystemClock clock;
  aws::EndpointOverrides overrides;
  overrides.global = env.endpoint_url;
  aws::AwsClient client(aws::ClientDeps{*transport,
                                        credentials,
                                        clock,
                                        aws::EndpointResolver(overrides),
                                        env.region,
                                        aws::RetryConfig{1},
                                        aws::Timeouts{},
                                        nullptr,
                                        {}});
  auto parameter = aws::SsmClient(client).get_parameter(name);
  if (!parameter)
    return std::unexpected(parameter.error().message);
  return parameter->value;
}

}  // namespace spawn::conformance
