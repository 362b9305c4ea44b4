// Everything a command needs to call AWS, assembled once from the global flags,
// the environment and the shared config files: region, endpoints, the
// credentials chain (resolved lazily, on the first call), the transport, the
// clock and the --debug observer.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "aws/call_log.hpp"
#include "aws/client.hpp"
#include "aws/credentials.hpp"
#include "aws/transport.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::aws {

struct SessionOptions {
  std::optional<std::string> profile;       // --profile
  std::optional<std::string> region;        // --region
  std::optional<std::string> endpoint_url;  // --endpoint-url
  CallObserver* observer = nullptr;         // --debug
  std::string user_agent = "spawn";
};

class Session {
 public:
  virtual ~Session() = default;
  // The resolved region: --region > AWS_REGION > AWS_DEFAULT_REGION > profile > IMDS.
  virtual const std::string& region() const = 0;
  // A client for the session's region.
  virtual AwsClient& client() = 0;
  // A client for another region, sharing transport, credentials and retry quota rules.
  virtual AwsClient client_for(std::string_view region) = 0;
  virtual CredentialsProvider& credentials() = 0;
  // The session's HTTP transport, for plain requests beside AWS's (checkip, presigned URLs).
  virtual HttpTransport& transport() = 0;
};

// Builds a session. Fails (ErrorKind::usage) for an unknown profile or a malformed config
// file, and when no region can be found. Credentials are not read here; `env` is read again
// when they are, so it must outlive the session.
Result<std::unique_ptr<Session>> make_session(const SessionOptions& options,
                                              const Environment& env);

}  // namespace spawn::aws
