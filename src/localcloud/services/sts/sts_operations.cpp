// Who a key belongs to comes from the credential store: long-term keys are the
// test account's root user, temporary keys carry the principal they were
// issued for ("arn:aws:sts::…:assumed-role/<role>/<session>"). AssumeRole
// checks its input the way STS does (session name, duration bounds, the role's
// MaxSessionDuration, the one-hour limit of role chaining) before issuing.
#include "localcloud/services/sts/sts_operations.hpp"

#include <chrono>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/iam/iam_lookup.hpp"
#include "localcloud/services/iam/query_input.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud::sts {
namespace {

// STS checks its input as IAM does (same front end, same messages).
using iam::check_input;
using iam::integer_param;
using iam::IntegerShape;
using iam::Need;
using iam::TextShape;
namespace shapes = iam::shapes;

constexpr long long kDefaultDuration = 3600;
constexpr long long kRoleChainingLimit = 3600;
constexpr std::string_view kAssumedRoleMarker = ":assumed-role/";

struct CallerIdentity {
  std::string arn;
  std::string user_id;
};

bool is_assumed_role(std::string_view principal_arn) {
  return principal_arn.find(kAssumedRoleMarker) != std::string_view::npos;
}

// "<RoleId>:<session>" for an assumed role ARN, as STS reports the user id of a role session.
std::string assumed_role_user_id(const ResourceStore& store, std::string_view principal_arn) {
  std::string_view role_and_session =
      principal_arn.substr(principal_arn.find(kAssumedRoleMarker) + kAssumedRoleMarker.size());
  std::string_view role_name = role_and_session.substr(0, role_and_session.find('/'));
  std::string_view session = role_and_session.substr(role_and_session.find('/') + 1);
  auto role = find_role(store, role_name);
  return (role ? role->id : std::string(role_name)) + ":" + std::string(session);
}

CallerIdentity identity_of(const ResourceStore& store, const AccessKey& key) {
  if (key.principal_arn.ends_with(":root"))
    return {key.principal_arn, std::string(kAccountId)};
  if (is_assumed_role(key.principal_arn))
    return {key.principal_arn, assumed_role_user_id(store, key.principal_arn)};
  return {key.principal_arn, key.access_key_id};
}

ApiError invalid_client_token() {
  return ApiError{403, "InvalidClientTokenId",
                  "The security token included in the request is invalid."};
}

std::optional<ApiError> check_assume_role_input(const FormParams& params) {
  constexpr TextShape kSessionName{2, 64, "[\\w+=,.@-]*", shapes::is_name};
  constexpr TextShape kExternalId{2, 1224, "", nullptr};
  return check_input(params, {{"RoleArn", Need::required, shapes::kArn},
                              {"RoleSessionName", Need::required, kSessionName},
                              {"DurationSeconds", Need::optional, {}, IntegerShape{900, 43200}},
                              {"ExternalId", Need::optional, kExternalId}});
}

// The longest session the caller may ask for on `role`.
std::optional<ApiError> check_duration(long long duration, const RoleRef& role,
                                       const AccessKey& caller) {
  if (duration > role.max_session_duration) {
    return client_error("ValidationError",
                        "The requested DurationSeconds exceeds the MaxSessionDuration set for "
                        "this role.");
  }
  if (is_assumed_role(caller.principal_arn) && duration > kRoleChainingLimit) {
    return client_error("ValidationError",
                        "The requested DurationSeconds exceeds the 1 hour session limit for "
                        "roles assumed by role chaining.");
  }
  return std::nullopt;
}

aws::HttpResponse credentials_answer(const ApiRequest& request, const RoleRef& role,
                                     const AccessKey& issued, std::string_view session) {
  QueryResponse response(request.operation, kStsNamespace, request.request_id);
  pugi::xml_node credentials = add_node(response.result(), "Credentials");
  add_text(credentials, "AccessKeyId", issued.access_key_id);
  add_text(credentials, "SecretAccessKey", issued.secret_access_key);
  add_text(credentials, "SessionToken", issued.session_token);
  add_text(credentials, "Expiration", format_iso8601(issued.expires.value_or(request.time)));
  pugi::xml_node user = add_node(response.result(), "AssumedRoleUser");
  add_text(user, "AssumedRoleId", role.id + ":" + std::string(session));
  add_text(user, "Arn", issued.principal_arn);
  return response.finish();
}

}  // namespace

ApiOutcome get_caller_identity(const ResourceStore& store, const CredentialStore& credentials,
                               const ApiRequest& request) {
  auto key = credentials.find(request.access_key_id);
  if (!key)
    return std::unexpected(invalid_client_token());
  CallerIdentity identity = identity_of(store, *key);
  QueryResponse response(request.operation, kStsNamespace, request.request_id);
  add_text(response.result(), "UserId", identity.user_id);
  add_text(response.result(), "Account",
           request.account_id.empty() ? kAccountId : std::string_view(request.account_id));
  add_text(response.result(), "Arn", identity.arn);
  return response.finish();
}

ApiOutcome assume_role(const ResourceStore& store, CredentialStore& credentials,
                       const ApiRequest& request) {
  auto caller = credentials.find(request.access_key_id);
  if (!caller)
    return std::unexpected(invalid_client_token());
  if (auto invalid = check_assume_role_input(request.params))
    return std::unexpected(*invalid);
  std::string role_arn = request.params.get_or("RoleArn", "");
  auto role = role_arn.starts_with("arn:") ? find_role(store, role_arn) : std::nullopt;
  if (!role) {
    return std::unexpected(ApiError{403, "AccessDenied",
                                    "User: " + caller->principal_arn +
                                        " is not authorized to perform: sts:AssumeRole on "
                                        "resource: " +
                                        role_arn});
  }
  long long duration = integer_param(request.params, "DurationSeconds", kDefaultDuration);
  if (auto too_long = check_duration(duration, *role, *caller))
    return std::unexpected(*too_long);
  std::string session = request.params.get_or("RoleSessionName", "");
  auto issued = credentials.issue_temporary(assumed_role_arn(role->name, session),
                                            std::chrono::seconds(duration), request.time);
  if (!issued)
    return std::unexpected(ApiError::from_storage(issued.error()));
  return credentials_answer(request, *role, *issued, session);
}

}  // namespace spawn::localcloud::sts
