// GetConsoleOutput: what the sandbox has written to its console (the user-data's
// output), base64-encoded as EC2 sends it.
#include "localcloud/api/responses.hpp"
#include "localcloud/services/ec2/ec2_instance_lookup.hpp"
#include "localcloud/services/ec2/ec2_instance_operations.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {
namespace {

ApiOutcome get_console_output(const InstanceServices& services, const ApiRequest& request) {
  auto id_param = single_instance_id(request.params);
  if (!id_param)
    return std::unexpected(id_param.error());
  const std::string& id = *id_param;
  if (!services.context.deps.store.get(request.region, kInstanceKind, id))
    return std::unexpected(instances_not_found({id}));
  InstanceHost* host = services.lifecycle.host();
  std::string output = host ? host->console_output(id) : "";
  Ec2Response response(request.operation, request.request_id);
  add_text(response.root(), "instanceId", id);
  add_text(response.root(), "timestamp", ec2_timestamp(services.context.deps.clock.now()));
  add_text(response.root(), "output", base64_encode(output));
  return response.finish();
}

}  // namespace

void add_console_operations(OperationTable& table, const InstanceServices& services) {
  table["GetConsoleOutput"] = [services](const ApiRequest& r) {
    return get_console_output(services, r);
  };
}

}  // namespace spawn::localcloud
