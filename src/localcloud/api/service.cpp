#include "localcloud/api/service.hpp"

namespace spawn::localcloud {

ApiOutcome dispatch(const OperationTable& table, Protocol protocol, const ApiRequest& request) {
  auto it = table.find(request.operation);
  if (it != table.end())
    return it->second(request);
  if (protocol == Protocol::json) {
    return std::unexpected(
        client_error("UnknownOperationException", "Unknown operation " + request.operation));
  }
  return std::unexpected(client_error(
      "InvalidAction", "The action " + request.operation + " is not valid for this web service."));
}

}  // namespace spawn::localcloud
