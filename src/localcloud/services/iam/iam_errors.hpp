// IAM's error codes with the HTTP statuses its model gives them, and the
// answer shape of its operations.
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "localcloud/api/api.hpp"
#include "localcloud/api/responses.hpp"

namespace spawn::localcloud::iam {

inline constexpr std::string_view kIamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";

ApiError no_such_entity(std::string message);             // 404
ApiError entity_already_exists(std::string message);      // 409
ApiError delete_conflict(std::string message);            // 409
ApiError limit_exceeded(std::string message);             // 409
ApiError malformed_policy_document(std::string message);  // 400

// "The role with name <name> cannot be found."
ApiError no_such_role(std::string_view name);
// "Instance Profile <name> cannot be found."
ApiError no_such_instance_profile(std::string_view name);

// The answer of an operation that returns nothing but its request id, once its `change`
// succeeded; else the change's error.
ApiOutcome iam_empty_answer(const ApiRequest& request, const std::expected<void, ApiError>& change);

}  // namespace spawn::localcloud::iam
