// localcloud's SSM Parameter Store over JSON 1.1 (X-Amz-Target:
// AmazonSSM.<Operation>): the public parameters spawn resolves to AMIs, in
// every region, and the caller's own parameters, kept per region.
#pragma once

#include <memory>

#include "localcloud/api/service.hpp"

namespace spawn::localcloud {

std::unique_ptr<Service> make_ssm_service(const ServiceDeps& deps);

}  // namespace spawn::localcloud
