// A localcloud service answers the authenticated requests routed to it. Each
// service keeps a table from operation name to handler; an operation it does
// not know gets the protocol's "unknown operation" error, as AWS answers.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "localcloud/api/api.hpp"
#include "localcloud/api/responses.hpp"
#include "util/clock.hpp"

namespace spawn::localcloud {

class ResourceStore;
class CredentialStore;
class Faults;
class InstanceHost;

// What services are built from. Every reference outlives the services.
struct ServiceDeps {
  ResourceStore& store;
  CredentialStore& credentials;
  Clock& clock;
  Faults& faults;
  InstanceHost* instances = nullptr;  // EC2 only; a fake in unit tests
  std::filesystem::path state_dir;    // services keep files under their own sub-folder
  std::string endpoint_url;           // "http://127.0.0.1:PORT", for instances and presigned URLs
};

class Service {
 public:
  virtual ~Service() = default;
  // The SigV4 signing name: "ec2", "iam", "sts", "ssm", "s3".
  virtual std::string_view signing_name() const = 0;
  virtual ErrorShape error_shape() const = 0;
  virtual ApiOutcome handle(const ApiRequest& request) = 0;
  // The operation a REST request is for ("GetObject"), for the request log; the query and
  // JSON protocols name theirs in the request.
  virtual std::string operation_of(const aws::HttpRequest& /*request*/) const { return {}; }
};

using OperationHandler = std::function<ApiOutcome(const ApiRequest&)>;
using OperationTable = std::map<std::string, OperationHandler, std::less<>>;

// Calls the handler for request.operation, or answers the protocol's unknown-operation error.
ApiOutcome dispatch(const OperationTable& table, Protocol protocol, const ApiRequest& request);

}  // namespace spawn::localcloud
