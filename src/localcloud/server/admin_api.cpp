#include "localcloud/server/admin_api.hpp"

#include "localcloud/api/responses.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::string_view kJson = "application/json";
constexpr std::string_view kInstancesPrefix = "/_localcloud/instances/";
constexpr std::string_view kSpotSuffix = "/spot-interruption";
constexpr std::string_view kSandboxSuffix = "/sandbox";

aws::HttpResponse json(int status, const nlohmann::json& body) {
  aws::HttpResponse response = json_response(body, kJson);
  response.status = status;
  return response;
}

aws::HttpResponse problem(int status, std::string message) {
  return json(status, {{"error", std::move(message)}});
}

aws::HttpResponse method_not_allowed(const aws::HttpRequest& request) {
  return problem(405, request.method + " is not allowed on " + request.url.path);
}

}  // namespace

aws::HttpResponse AdminApi::handle(const aws::HttpRequest& request) {
  std::string_view path = request.url.path;
  if (path == "/_localcloud/health")
    return json(200, {{"status", "ok"}});
  if (path == "/_localcloud/faults")
    return faults(request);
  if (path == "/_localcloud/requests")
    return requests(request);
  if (path == "/_localcloud/reset") {
    if (request.method != "POST")
      return method_not_allowed(request);
    if (auto reset = actions_.reset(); !reset)
      return problem(500, reset.error().message);
    log_.clear();
    return json(200, {{"reset", true}});
  }
  if (path.starts_with(kInstancesPrefix) && path.ends_with(kSpotSuffix)) {
    if (request.method != "POST")
      return method_not_allowed(request);
    std::string_view id = path.substr(kInstancesPrefix.size());
    id.remove_suffix(kSpotSuffix.size());
    return spot_interruption(id);
  }
  if (path.starts_with(kInstancesPrefix) && path.ends_with(kSandboxSuffix)) {
    if (request.method != "GET")
      return method_not_allowed(request);
    std::string_view id = path.substr(kInstancesPrefix.size());
    id.remove_suffix(kSandboxSuffix.size());
    return sandbox(id);
  }
  return problem(404, "no admin endpoint " + std::string(path) + " (see docs/localcloud.md)");
}

aws::HttpResponse AdminApi::faults(const aws::HttpRequest& request) {
  if (request.method == "GET")
    return json(200, faults_.settings().to_json());
  if (request.method == "DELETE") {
    faults_.clear();
    return json(200, faults_.settings().to_json());
  }
  if (request.method != "POST")
    return method_not_allowed(request);
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded())
    return problem(400, "the body is not JSON");
  auto settings = FaultSettings::from_json(body);
  if (!settings)
    return problem(400, settings.error().message);
  faults_.set(*settings);
  return json(200, settings->to_json());
}

aws::HttpResponse AdminApi::requests(const aws::HttpRequest& request) {
  if (request.method == "GET")
    return json(200, log_.to_json());
  if (request.method == "DELETE") {
    log_.clear();
    return json(200, log_.to_json());
  }
  return method_not_allowed(request);
}

aws::HttpResponse AdminApi::spot_interruption(std::string_view instance_id) {
  auto announced = actions_.spot_interruption(instance_id);
  if (!announced) {
    int status = announced.error().code.ends_with("NotFound") ? 404 : 400;
    return problem(status, announced.error().code + ": " + announced.error().message);
  }
  return json(200, {{"instance_id", instance_id}, {"spot_interruption", "announced"}});
}

aws::HttpResponse AdminApi::sandbox(std::string_view instance_id) {
  auto facts = actions_.sandbox ? actions_.sandbox(instance_id) : std::nullopt;
  if (!facts)
    return problem(404, "no instance " + std::string(instance_id));
  return json(200, *facts);
}

}  // namespace spawn::localcloud
