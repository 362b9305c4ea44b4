// The SSM Parameter Store operations localcloud answers: reads of public and
// user parameters (ssm_reads.cpp) and writes of user parameters
// (ssm_writes.cpp), each in the request's region.
#pragma once

#include <string_view>

#include "localcloud/api/api.hpp"
#include "localcloud/services/ssm/ssm_input.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud::ssm {

inline constexpr std::string_view kJsonContentType = "application/x-amz-json-1.1";

// A JSON 1.1 answer carrying the request id as SSM sends it.
aws::HttpResponse ssm_answer(const ApiRequest& request, const Json& body);

// ParameterNotFound (400) for `name`.
ApiError parameter_not_found(std::string_view name);

ApiOutcome get_parameter(ResourceStore& store, const ApiRequest& request);
// Names that do not exist come back in InvalidParameters, not as an error.
ApiOutcome get_parameters(ResourceStore& store, const ApiRequest& request);
ApiOutcome get_parameters_by_path(ResourceStore& store, const ApiRequest& request);
// ParameterAlreadyExists unless Overwrite; each change raises Version by one.
ApiOutcome put_parameter(ResourceStore& store, const ApiRequest& request);
ApiOutcome delete_parameter(ResourceStore& store, const ApiRequest& request);

}  // namespace spawn::localcloud::ssm
