#include "localcloud/services/iam/iam_service.hpp"

#include "localcloud/services/iam/iam_errors.hpp"
#include "localcloud/services/iam/iam_operations.hpp"

namespace spawn::localcloud {
namespace {

using Handler = ApiOutcome (*)(ResourceStore&, const ApiRequest&);

constexpr std::pair<std::string_view, Handler> kOperations[] = {
    {"CreateRole", iam::create_role},
    {"GetRole", iam::get_role},
    {"DeleteRole", iam::delete_role},
    {"ListRoles", iam::list_roles},
    {"TagRole", iam::tag_role},
    {"UntagRole", iam::untag_role},
    {"ListRoleTags", iam::list_role_tags},
    {"PutRolePolicy", iam::put_role_policy},
    {"GetRolePolicy", iam::get_role_policy},
    {"DeleteRolePolicy", iam::delete_role_policy},
    {"ListRolePolicies", iam::list_role_policies},
    {"AttachRolePolicy", iam::attach_role_policy},
    {"DetachRolePolicy", iam::detach_role_policy},
    {"ListAttachedRolePolicies", iam::list_attached_role_policies},
    {"CreateInstanceProfile", iam::create_instance_profile},
    {"GetInstanceProfile", iam::get_instance_profile},
    {"DeleteInstanceProfile", iam::delete_instance_profile},
    {"AddRoleToInstanceProfile", iam::add_role_to_instance_profile},
    {"RemoveRoleFromInstanceProfile", iam::remove_role_from_instance_profile},
    {"ListInstanceProfiles", iam::list_instance_profiles},
    {"ListInstanceProfilesForRole", iam::list_instance_profiles_for_role},
};

class IamService final : public Service {
 public:
  explicit IamService(ResourceStore& store) {
    for (const auto& [name, handler] : kOperations) {
      table_.emplace(std::string(name), [&store, handler](const ApiRequest& request) {
        return handler(store, request);
      });
    }
  }

  std::string_view signing_name() const override { return "iam"; }
  ErrorShape error_shape() const override { return {Protocol::query, iam::kIamNamespace}; }
  ApiOutcome handle(const ApiRequest& request) override {
    return dispatch(table_, Protocol::query, request);
  }

 private:
  OperationTable table_;
};

}  // namespace

std::unique_ptr<Service> make_iam_service(const ServiceDeps& deps) {
  return std::make_unique<IamService>(deps.store);
}

}  // namespace spawn::localcloud
