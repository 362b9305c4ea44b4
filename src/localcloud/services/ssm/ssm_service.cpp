#include "localcloud/services/ssm/ssm_service.hpp"

#include "localcloud/services/ssm/ssm_operations.hpp"

namespace spawn::localcloud {
namespace ssm {

aws::HttpResponse ssm_answer(const ApiRequest& request, const Json& body) {
  aws::HttpResponse response = json_response(body, kJsonContentType);
  response.headers.emplace_back("x-amzn-RequestId", request.request_id);
  return response;
}

ApiError parameter_not_found(std::string_view name) {
  return client_error("ParameterNotFound", "Parameter " + std::string(name) + " not found.");
}

}  // namespace ssm

namespace {

using Handler = ApiOutcome (*)(ResourceStore&, const ApiRequest&);

constexpr std::pair<std::string_view, Handler> kOperations[] = {
    {"GetParameter", ssm::get_parameter},
    {"GetParameters", ssm::get_parameters},
    {"GetParametersByPath", ssm::get_parameters_by_path},
    {"PutParameter", ssm::put_parameter},
    {"DeleteParameter", ssm::delete_parameter},
};

class SsmService final : public Service {
 public:
  explicit SsmService(ResourceStore& store) {
    for (const auto& [name, handler] : kOperations) {
      table_.emplace(std::string(name), [&store, handler](const ApiRequest& request) {
        return handler(store, request);
      });
    }
  }

  std::string_view signing_name() const override { return "ssm"; }
  ErrorShape error_shape() const override { return {Protocol::json, {}, ssm::kJsonContentType}; }
  ApiOutcome handle(const ApiRequest& request) override {
    return dispatch(table_, Protocol::json, request);
  }

 private:
  OperationTable table_;
};

}  // namespace

std::unique_ptr<Service> make_ssm_service(const ServiceDeps& deps) {
  return std::make_unique<SsmService>(deps.store);
}

}  // namespace spawn::localcloud
