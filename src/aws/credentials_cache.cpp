#include "aws/credentials_cache.hpp"

namespace spawn::aws {

Result<Credentials> CredentialsCache::get(const std::function<Result<Credentials>()>& fetch) {
  std::lock_guard lock(mutex_);
  auto now = clock_.now();
  if (cached_ && (!cached_->expiration || now + refresh_before_ < *cached_->expiration)) {
    return *cached_;
  }
  auto fetched = fetch();
  if (fetched) {
    cached_ = *fetched;
    return fetched;
  }
  // A failed refresh keeps credentials that are still valid (only expiring ones get here).
  if (cached_ && cached_->expiration && now < *cached_->expiration) {
    return *cached_;
  }
  return fetched;
}

}  // namespace spawn::aws
