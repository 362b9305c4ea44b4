// AWS credentials and the interface every source of them implements.
#pragma once

#include <optional>
#include <string>

#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;             // empty for long-term keys
  std::optional<SystemTime> expiration;  // unset for long-term keys
  std::string source;  // where they came from, for messages: "environment", "profile dev"
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Current credentials, refreshed when they are near expiry. Errors say what was tried.
  virtual Result<Credentials> credentials() = 0;
};

// Always answers the same credentials: for tests and for --local.
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials)
      : credentials_(std::move(credentials)) {}
  Result<Credentials> credentials() override { return credentials_; }

 private:
  Credentials credentials_;
};

}  // namespace spawn::aws
