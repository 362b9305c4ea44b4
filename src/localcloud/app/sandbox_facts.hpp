// What `spawn-localcloud shell` needs to enter an instance's sandbox the way the
// instance was booted: its state, its hostname, how sandboxes are isolated here,
// and the variables its processes got (its own IMDS endpoint among them, which
// only the running server knows). The server answers it on the admin API
// (GET /_localcloud/instances/<id>/sandbox); the shell reads the same JSON back.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "localcloud/instances/isolation.hpp"
#include "localcloud/instances/sandbox_command.hpp"
#include "localcloud/instances/sandbox_host.hpp"
#include "localcloud/store/resource_store.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

struct SandboxFacts {
  std::string instance_id;
  std::string state;                   // EC2's state name: "running", "stopped", ...
  std::string hostname;                // what `hostname` prints inside
  std::optional<Isolation> isolation;  // nullopt when the sandbox runtime could not start
  EnvironmentList environment;         // empty while the sandbox is not booted
};

// The facts about `instance_id` from the store and the host; nullopt when localcloud has no
// such instance. `api_endpoint` is the server's, as the instance's processes see it.
std::optional<SandboxFacts> sandbox_facts(const ResourceStore& store, const SandboxHost& host,
                                          std::string_view api_endpoint,
                                          std::string_view instance_id);

nlohmann::json to_json(const SandboxFacts& facts);
// ErrorKind::parse when `document` is not what to_json() writes.
Result<SandboxFacts> sandbox_facts_from_json(const nlohmann::json& document);

}  // namespace spawn::localcloud
