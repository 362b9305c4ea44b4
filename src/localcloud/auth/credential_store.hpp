// The access keys localcloud accepts: the long-term pairs from its
// configuration (a default test pair unless told otherwise) and temporary
// credentials it issues itself (instance roles through IMDS), which carry a
// session token and an expiry and are kept in the resource store so that a
// restart does not invalidate what running instances hold.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/store/resource_store.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

// The pair printed by `serve` and used by the tests unless configured otherwise.
inline constexpr std::string_view kDefaultAccessKeyId = "AKIALOCALCLOUD000001";
inline constexpr std::string_view kDefaultSecretAccessKey =
    "localcloud/secret/key/for/tests/only000001";

struct AccessKey {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;          // empty for long-term keys
  std::optional<SystemTime> expires;  // temporary keys only
  std::string principal_arn;          // who the key belongs to
};

class CredentialStore {
 public:
  explicit CredentialStore(ResourceStore& store) : store_(store) {}

  // Accepts a long-term pair for the root user of the test account.
  void add_long_term(std::string access_key_id, std::string secret_access_key);
  std::optional<AccessKey> find(std::string_view access_key_id) const;
  // Issues temporary credentials for `principal_arn`, valid for `lifetime` from `now`.
  Result<AccessKey> issue_temporary(std::string principal_arn, std::chrono::seconds lifetime,
                                    SystemTime now);

 private:
  ResourceStore& store_;
  std::vector<AccessKey> long_term_;
};

}  // namespace spawn::localcloud
