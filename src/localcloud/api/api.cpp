#include "localcloud/api/api.hpp"

namespace spawn::localcloud {

ApiError client_error(std::string code, std::string message) {
  return ApiError{400, std::move(code), std::move(message)};
}

ApiError server_error(std::string code, std::string message, int status) {
  return ApiError{status, std::move(code), std::move(message)};
}

ApiError ApiError::from_storage(const Error& error) {
  return server_error("InternalError", "localcloud could not save its state: " + error.message);
}

}  // namespace spawn::localcloud
