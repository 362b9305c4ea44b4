// The S3 error codes localcloud answers, with S3's HTTP status and its own
// wording, so every handler says "NoSuchBucket" the same way.
#pragma once

#include <string>

#include "localcloud/api/api.hpp"

namespace spawn::localcloud::s3_errors {

ApiError no_such_bucket();
ApiError no_such_key();
ApiError no_such_upload();
ApiError malformed_xml();
ApiError invalid_argument(std::string message);
ApiError invalid_request(std::string message);
ApiError invalid_uri();
ApiError method_not_allowed();
// `what` names the feature localcloud does not emulate ("the ?acl sub-resource").
ApiError not_implemented(std::string_view what);

}  // namespace spawn::localcloud::s3_errors
