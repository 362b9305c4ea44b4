// localcloud's STS over the AWS query protocol: GetCallerIdentity (who signed
// this request) and AssumeRole (temporary credentials for an IAM role that
// localcloud accepts afterwards). Trust policies are kept but not evaluated:
// any caller may assume any existing role.
#pragma once

#include <memory>

#include "localcloud/api/service.hpp"

namespace spawn::localcloud {

std::unique_ptr<Service> make_sts_service(const ServiceDeps& deps);

}  // namespace spawn::localcloud
