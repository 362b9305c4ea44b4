#include "spawn/ops/account.hpp"

#include "spawn/ops/session_cache.hpp"

namespace spawn::ops {

namespace {

constexpr std::string_view kCacheName = "account";

std::string text_member(const nlohmann::json& document, const char* name) {
  auto found = document.find(name);
  return found != document.end() && found->is_string() ? found->get<std::string>() : "";
}

}  // namespace

std::optional<aws::CallerIdentity> cached_identity(aws::Session& session,
                                                   const std::filesystem::path& data_dir) {
  auto document = read_session_cache(session_cache_file(session, data_dir, kCacheName));
  if (!document || !document->is_object())
    return std::nullopt;
  aws::CallerIdentity identity;
  identity.account = text_member(*document, "account");
  identity.arn = text_member(*document, "arn");
  identity.user_id = text_member(*document, "user_id");
  if (identity.account.size() != 12 || identity.arn.empty())
    return std::nullopt;
  return identity;
}

Result<aws::CallerIdentity> fetch_identity(aws::Session& session,
                                           const std::filesystem::path& data_dir) {
  auto identity = aws::StsClient(session.client()).get_caller_identity();
  if (!identity)
    return identity;
  write_session_cache(
      session_cache_file(session, data_dir, kCacheName),
      {{"account", identity->account}, {"arn", identity->arn}, {"user_id", identity->user_id}});
  return identity;
}

}  // namespace spawn::ops
