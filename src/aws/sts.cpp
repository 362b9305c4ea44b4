// STS over the query protocol: GetCallerIdentity and AssumeRole. Temporary
// credentials without an expiry would look long-lived to every cache above, so
// an AssumeRole answer missing keys or a readable <Expiration> is a parse error.
#include "aws/sts.hpp"

#include <fmt/format.h>

#include "aws/query_protocol.hpp"
#include "aws/xml.hpp"

namespace spawn::aws {

namespace {

QueryParams assume_role_params(const AssumeRoleRequest& request) {
  QueryParams params;
  params.add("RoleArn", request.role_arn)
      .add("RoleSessionName", request.session_name)
      .add_if("ExternalId", request.external_id);
  if (request.duration_seconds) {
    params.add("DurationSeconds", std::to_string(*request.duration_seconds));
  }
  return params;
}

// The <Credentials> of an AssumeRole answer.
Result<Credentials> read_credentials(pugi::xml_node node, const std::string& role_arn) {
  Credentials credentials{xml::text(node, "AccessKeyId"), xml::text(node, "SecretAccessKey"),
                          xml::text(node, "SessionToken"), xml::timestamp(node, "Expiration"),
                          fmt::format("assumed role {}", role_arn)};
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty() ||
      !credentials.expiration) {
    return fail(ErrorKind::parse,
                fmt::format("sts AssumeRole: the answer for {} holds no complete credentials "
                            "(access key, secret key and expiration)",
                            role_arn));
  }
  return credentials;
}

}  // namespace

Result<CallerIdentity> StsClient::get_caller_identity() {
  auto answer = call_query(client_, services::sts, "GetCallerIdentity", QueryParams{});
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  pugi::xml_node result = answer->result();
  CallerIdentity identity{xml::text(result, "Account"), xml::text(result, "Arn"),
                          xml::text(result, "UserId")};
  if (identity.account.empty() || identity.arn.empty()) {
    return fail(ErrorKind::parse, "sts GetCallerIdentity: the answer names no account or ARN");
  }
  return identity;
}

Result<Credentials> StsClient::assume_role(const AssumeRoleRequest& request) {
  auto answer = call_query(client_, services::sts, "AssumeRole", assume_role_params(request));
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  return read_credentials(xml::child(answer->result(), "Credentials"), request.role_arn);
}

}  // namespace spawn::aws
