#include "localcloud/auth/credential_store.hpp"

#include "localcloud/api/api.hpp"
#include "localcloud/ids.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::string_view kKind = "access-key";

Json to_document(const AccessKey& key) {
  return Json{{"AccessKeyId", key.access_key_id},
              {"SecretAccessKey", key.secret_access_key},
              {"SessionToken", key.session_token},
              {"Expires", key.expires ? format_iso8601(*key.expires) : ""},
              {"PrincipalArn", key.principal_arn}};
}

std::optional<AccessKey> from_document(const Json& document) {
  AccessKey key;
  key.access_key_id = document.value("AccessKeyId", "");
  key.secret_access_key = document.value("SecretAccessKey", "");
  key.session_token = document.value("SessionToken", "");
  key.principal_arn = document.value("PrincipalArn", "");
  if (auto expires = parse_iso8601(document.value("Expires", "")))
    key.expires = *expires;
  return key;
}

}  // namespace

void CredentialStore::add_long_term(std::string access_key_id, std::string secret_access_key) {
  long_term_.push_back(AccessKey{std::move(access_key_id), std::move(secret_access_key), "",
                                 std::nullopt,
                                 "arn:aws:iam::" + std::string(kAccountId) + ":root"});
}

std::optional<AccessKey> CredentialStore::find(std::string_view access_key_id) const {
  for (const AccessKey& key : long_term_) {
    if (key.access_key_id == access_key_id)
      return key;
  }
  auto document = store_.get("", kKind, access_key_id);
  if (!document)
    return std::nullopt;
  return from_document(*document);
}

Result<AccessKey> CredentialStore::issue_temporary(std::string principal_arn,
                                                   std::chrono::seconds lifetime, SystemTime now) {
  AccessKey key{"ASIA" + random_upper_alnum(16), random_base64ish(40), random_base64ish(120),
                now + lifetime, std::move(principal_arn)};
  return store_.write([&](Transaction& transaction) -> Result<AccessKey> {
    transaction.put("", kKind, key.access_key_id, to_document(key));
    return key;
  });
}

}  // namespace spawn::localcloud
