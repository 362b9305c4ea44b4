#include "localcloud/services/s3/s3_errors.hpp"

#include <fmt/format.h>

namespace spawn::localcloud::s3_errors {

namespace {

constexpr int kNotFound = 404;
constexpr int kMethodNotAllowed = 405;
constexpr int kNotImplemented = 501;

}  // namespace

ApiError no_such_bucket() {
  return ApiError{kNotFound, "NoSuchBucket", "The specified bucket does not exist"};
}

ApiError no_such_key() {
  return ApiError{kNotFound, "NoSuchKey", "The specified key does not exist."};
}

ApiError no_such_upload() {
  return ApiError{kNotFound, "NoSuchUpload",
                  "The specified upload does not exist. The upload ID may be invalid, or the "
                  "upload may have been aborted or completed."};
}

ApiError malformed_xml() {
  return client_error("MalformedXML",
                      "The XML you provided was not well-formed or did not validate against our "
                      "published schema");
}

ApiError invalid_argument(std::string message) {
  return client_error("InvalidArgument", std::move(message));
}

ApiError invalid_request(std::string message) {
  return client_error("InvalidRequest", std::move(message));
}

ApiError invalid_uri() {
  return client_error("InvalidURI", "Couldn't parse the specified URI.");
}

ApiError method_not_allowed() {
  return ApiError{kMethodNotAllowed, "MethodNotAllowed",
                  "The specified method is not allowed against this resource."};
}

ApiError not_implemented(std::string_view what) {
  return ApiError{kNotImplemented, "NotImplemented",
                  fmt::format("localcloud does not implement {}.", what)};
}

}  // namespace spawn::localcloud::s3_errors
