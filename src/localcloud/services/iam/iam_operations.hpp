// The IAM operations localcloud answers, one handler each, grouped by what they
// manage: roles (iam_roles.cpp), their policies (iam_policies.cpp) and instance
// profiles (iam_instance_profiles.cpp). Every handler keeps its state in
// `store` under the kinds iam_lookup.hpp describes.
#pragma once

#include "localcloud/api/api.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud::iam {

ApiOutcome create_role(ResourceStore& store, const ApiRequest& request);
ApiOutcome get_role(ResourceStore& store, const ApiRequest& request);
// DeleteConflict while the role has policies or sits in an instance profile.
ApiOutcome delete_role(ResourceStore& store, const ApiRequest& request);
ApiOutcome list_roles(ResourceStore& store, const ApiRequest& request);
ApiOutcome tag_role(ResourceStore& store, const ApiRequest& request);
ApiOutcome untag_role(ResourceStore& store, const ApiRequest& request);
ApiOutcome list_role_tags(ResourceStore& store, const ApiRequest& request);

ApiOutcome put_role_policy(ResourceStore& store, const ApiRequest& request);
ApiOutcome get_role_policy(ResourceStore& store, const ApiRequest& request);
ApiOutcome delete_role_policy(ResourceStore& store, const ApiRequest& request);
ApiOutcome list_role_policies(ResourceStore& store, const ApiRequest& request);
// Any AWS managed policy ARN (arn:aws:iam::aws:policy/…) attaches; others are NoSuchEntity.
ApiOutcome attach_role_policy(ResourceStore& store, const ApiRequest& request);
ApiOutcome detach_role_policy(ResourceStore& store, const ApiRequest& request);
ApiOutcome list_attached_role_policies(ResourceStore& store, const ApiRequest& request);

ApiOutcome create_instance_profile(ResourceStore& store, const ApiRequest& request);
ApiOutcome get_instance_profile(ResourceStore& store, const ApiRequest& request);
// DeleteConflict while the profile holds a role.
ApiOutcome delete_instance_profile(ResourceStore& store, const ApiRequest& request);
// LimitExceeded when the profile already holds its one role.
ApiOutcome add_role_to_instance_profile(ResourceStore& store, const ApiRequest& request);
ApiOutcome remove_role_from_instance_profile(ResourceStore& store, const ApiRequest& request);
ApiOutcome list_instance_profiles(ResourceStore& store, const ApiRequest& request);
ApiOutcome list_instance_profiles_for_role(ResourceStore& store, const ApiRequest& request);

}  // namespace spawn::localcloud::iam
