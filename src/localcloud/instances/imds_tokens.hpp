// IMDSv2 session tokens. A token carries its own expiry and an HMAC under a key
// that lives as long as the instance's IMDS listener, so nothing is stored per
// token (an instance may ask for as many as it likes) and a stop/start, which
// opens a new listener, invalidates every token issued before, as on EC2.
#pragma once

#include <string>
#include <string_view>

#include "util/clock.hpp"

namespace spawn::localcloud {

class TokenIssuer {
 public:
  // A fresh random key.
  TokenIssuer();

  // A token valid until `expires`.
  std::string issue(SystemTime expires) const;
  // Whether `token` was issued by this issuer and has not expired at `now`.
  bool accepts(std::string_view token, SystemTime now) const;

 private:
  std::string mac(std::string_view payload) const;

  std::string key_;
};

}  // namespace spawn::localcloud
