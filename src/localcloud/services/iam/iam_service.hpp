// localcloud's IAM: roles with their inline and attached policies, and
// instance profiles, over the AWS query protocol. IAM is global: whatever
// region a request is signed for, it sees the same roles.
#pragma once

#include <memory>

#include "localcloud/api/service.hpp"

namespace spawn::localcloud {

std::unique_ptr<Service> make_iam_service(const ServiceDeps& deps);

}  // namespace spawn::localcloud
