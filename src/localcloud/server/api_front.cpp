#include "localcloud/server/api_front.hpp"

#include <thread>

#include "localcloud/auth/request_auth.hpp"
#include "localcloud/catalog/regions.hpp"
#include "localcloud/server/router.hpp"
#include "util/uuid.hpp"

namespace spawn::localcloud {
namespace {

// IAM and STS are global; every other service answers only in the regions we emulate.
bool region_known(std::string_view service, std::string_view region) {
  return service == "iam" || service == "sts" || find_region(region) != nullptr;
}

void add_request_id(aws::HttpResponse& response, const std::string& request_id) {
  if (!response.header("x-amzn-RequestId")) {
    response.headers.emplace_back("x-amzn-RequestId", request_id);
  }
  if (!response.header("x-amz-request-id")) {
    response.headers.emplace_back("x-amz-request-id", request_id);
  }
}

}  // namespace

ErrorShape ApiFront::shape_of(std::string_view service) const {
  auto it = deps_.services.find(service);
  if (it != deps_.services.end())
    return it->second->error_shape();
  return ErrorShape{Protocol::ec2, {}, {}};
}

aws::HttpResponse ApiFront::handle(const aws::HttpRequest& request) {
  if (deps_.admin != nullptr && request.url.path.starts_with(kAdminPrefix)) {
    return deps_.admin->handle(request);
  }
  auto arrived = std::chrono::steady_clock::now();
  RequestRecord record{deps_.clock.now(), guess_service(request), "", "", 0, 0};
  std::string request_id = random_uuid();
  // Injected latency is the point of the fault, so this one really waits.
  if (auto latency = deps_.faults.latency(); latency.count() > 0) {
    std::this_thread::sleep_for(latency);
  }
  aws::HttpResponse response = answer(request, request_id, record);
  add_request_id(response, request_id);
  record.status = response.status;
  record.latency_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - arrived).count();
  deps_.log.add(std::move(record));
  return response;
}

aws::HttpResponse ApiFront::answer(const aws::HttpRequest& request, const std::string& request_id,
                                   RequestRecord& record) {
  auto authenticated = authenticate(request, deps_.credentials, deps_.clock.now());
  if (!authenticated) {
    return render_error(shape_of(record.service), auth_error(record.service, authenticated.error()),
                        request_id);
  }
  record.service = authenticated->claim.service;
  record.region = authenticated->claim.region;
  auto service = deps_.services.find(record.service);
  if (service == deps_.services.end()) {
    return render_error(shape_of(record.service),
                        client_error("UnknownService", "localcloud does not emulate the service '" +
                                                           record.service + "'"),
                        request_id);
  }
  ErrorShape shape = service->second->error_shape();
  if (!region_known(record.service, record.region)) {
    return render_error(
        shape,
        client_error("InvalidRegion", "localcloud does not emulate the region '" + record.region +
                                          "'; DescribeRegions lists those it does"),
        request_id);
  }
  auto operation = read_operation(record.service, request);
  if (!operation)
    return render_error(shape, operation.error(), request_id);
  record.operation =
      operation->name.empty() ? service->second->operation_of(request) : operation->name;
  if (auto injected = deps_.faults.draw_error())
    return render_error(shape, *injected, request_id);
  if (deps_.faults.take_refusal(record.operation)) {
    // A permission missing: not retried, so the caller's next step is its own.
    std::string code = record.service == "ec2" ? "UnauthorizedOperation" : "AccessDenied";
    return render_error(shape, ApiError{403, code, "Injected: refused by the fault settings."},
                        request_id);
  }

  ApiRequest api{request,
                 record.service,
                 record.region,
                 operation->name,
                 authenticated->key.access_key_id,
                 std::string(kAccountId),
                 request_id,
                 deps_.clock.now(),
                 std::move(operation->params)};
  ApiOutcome outcome = service->second->handle(api);
  if (!outcome)
    return render_error(shape, outcome.error(), request_id);
  if (deps_.faults.take_lost_answer(record.operation)) {
    return render_error(
        shape, ApiError{500, "InternalError", "Injected: the work was done, this answer lost."},
        request_id);
  }
  if (record.operation.empty())
    record.operation = request.method + " " + request.url.path;
  return std::move(*outcome);
}

}  // namespace spawn::localcloud
