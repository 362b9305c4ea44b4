// The caching every temporary-credentials provider needs: keep credentials until
// shortly before they expire, fetch new ones under a lock (one fetch at a time,
// however many threads ask), and when a fetch fails while the old credentials
// are still valid, keep answering those.
#pragma once

#include <functional>
#include <mutex>
#include <optional>

#include "aws/credentials.hpp"
#include "util/clock.hpp"

namespace spawn::aws {

class CredentialsCache {
 public:
  // `clock` must outlive the cache. Credentials are replaced once less than
  // `refresh_before` remains before their expiration.
  CredentialsCache(Clock& clock, Duration refresh_before)
      : clock_(clock), refresh_before_(refresh_before) {}

  // The cached credentials, or what `fetch` answers when they are due for renewal.
  // Credentials without an expiration are kept for good.
  Result<Credentials> get(const std::function<Result<Credentials>()>& fetch);

 private:
  Clock& clock_;
  Duration refresh_before_;
  std::mutex mutex_;
  std::optional<Credentials> cached_;
};

}  // namespace spawn::aws
