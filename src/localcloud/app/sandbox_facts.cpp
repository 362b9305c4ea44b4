#include "localcloud/app/sandbox_facts.hpp"

#include "localcloud/instances/imds_documents.hpp"
#include "localcloud/services/ec2/ec2_instance_document.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::string_view kBubblewrap = "bubblewrap";
constexpr std::string_view kPlainProcess = "plain-process";

nlohmann::json isolation_name(std::optional<Isolation> isolation) {
  if (!isolation)
    return nullptr;
  return *isolation == Isolation::bubblewrap ? kBubblewrap : kPlainProcess;
}

std::optional<Isolation> isolation_named(const nlohmann::json& name) {
  if (name == kBubblewrap)
    return Isolation::bubblewrap;
  if (name == kPlainProcess)
    return Isolation::plain_process;
  return std::nullopt;
}

}  // namespace

std::optional<SandboxFacts> sandbox_facts(const ResourceStore& store, const SandboxHost& host,
                                          std::string_view api_endpoint,
                                          std::string_view instance_id) {
  auto region = region_of_instance(store, instance_id);
  if (!region)
    return std::nullopt;
  auto instance = store.get(*region, kInstanceKind, instance_id);
  if (!instance)
    return std::nullopt;
  SandboxFacts facts{std::string(instance_id),
                     std::string(state_name(state_of(*instance))),
                     ec2_hostname(instance->value("PrivateIpAddress", ""), *region),
                     host.isolation(),
                     {}};
  if (auto imds = host.imds_endpoint(instance_id))
    facts.environment = instance_environment(api_endpoint, *region, *imds);
  return facts;
}

nlohmann::json to_json(const SandboxFacts& facts) {
  nlohmann::json environment = nlohmann::json::object();
  for (const auto& [name, value] : facts.environment)
    environment[name] = value;
  return {{"instance_id", facts.instance_id},
          {"state", facts.state},
          {"hostname", facts.hostname},
          {"isolation", isolation_name(facts.isolation)},
          {"environment", environment}};
}

Result<SandboxFacts> sandbox_facts_from_json(const nlohmann::json& document) {
  if (!document.is_object() || !document.value("environment", nlohmann::json()).is_object())
    return fail(ErrorKind::parse, "the sandbox description is not a JSON object");
  SandboxFacts facts{document.value("instance_id", ""),
                     document.value("state", ""),
                     document.value("hostname", ""),
                     isolation_named(document.value("isolation", nlohmann::json())),
                     {}};
  for (const auto& [name, value] : document["environment"].items()) {
    if (!value.is_string())
      return fail(ErrorKind::parse, "the sandbox variable " + name + " is not a string");
    facts.environment.emplace_back(name, value.get<std::string>());
  }
  return facts;
}

}  // namespace spawn::localcloud
