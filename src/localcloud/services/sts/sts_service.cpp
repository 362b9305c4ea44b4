#include "localcloud/services/sts/sts_service.hpp"

#include "localcloud/services/sts/sts_operations.hpp"

namespace spawn::localcloud {
namespace {

class StsService final : public Service {
 public:
  explicit StsService(const ServiceDeps& deps) {
    ResourceStore& store = deps.store;
    CredentialStore& credentials = deps.credentials;
    table_.emplace("GetCallerIdentity", [&store, &credentials](const ApiRequest& request) {
      return sts::get_caller_identity(store, credentials, request);
    });
    table_.emplace("AssumeRole", [&store, &credentials](const ApiRequest& request) {
      return sts::assume_role(store, credentials, request);
    });
  }

  std::string_view signing_name() const override { return "sts"; }
  ErrorShape error_shape() const override { return {Protocol::query, sts::kStsNamespace}; }
  ApiOutcome handle(const ApiRequest& request) override {
    return dispatch(table_, Protocol::query, request);
  }

 private:
  OperationTable table_;
};

}  // namespace

std::unique_ptr<Service> make_sts_service(const ServiceDeps& deps) {
  return std::make_unique<StsService>(deps);
}

}  // namespace spawn::localcloud
