#include "localcloud/services/iam/iam_errors.hpp"

namespace spawn::localcloud::iam {

ApiError no_such_entity(std::string message) {
  return ApiError{404, "NoSuchEntity", std::move(message)};
}

ApiError entity_already_exists(std::string message) {
  return ApiError{409, "EntityAlreadyExists", std::move(message)};
}

ApiError delete_conflict(std::string message) {
  return ApiError{409, "DeleteConflict", std::move(message)};
}

ApiError limit_exceeded(std::string message) {
  return ApiError{409, "LimitExceeded", std::move(message)};
}

ApiError malformed_policy_document(std::string message) {
  return ApiError{400, "MalformedPolicyDocument", std::move(message)};
}

ApiError no_such_role(std::string_view name) {
  return no_such_entity("The role with name " + std::string(name) + " cannot be found.");
}

ApiError no_such_instance_profile(std::string_view name) {
  return no_such_entity("Instance Profile " + std::string(name) + " cannot be found.");
}

ApiOutcome iam_empty_answer(const ApiRequest& request,
                            const std::expected<void, ApiError>& change) {
  if (!change)
    return std::unexpected(change.error());
  return QueryResponse(request.operation, kIamNamespace, request.request_id).finish();
}

}  // namespace spawn::localcloud::iam
