// The S3 service of localcloud: buckets and objects addressed path-style
// (http://127.0.0.1:PORT/<bucket>/<key>), metadata in the resource store,
// object bytes in files under <state_dir>/s3/. See s3_operation.hpp for how a
// request becomes an operation.
#pragma once

#include <memory>

#include "localcloud/api/service.hpp"

namespace spawn::localcloud {

// The S3 service (signing name "s3", rest-xml errors). Removes blob files no
// document names (left by a crash) when it starts.
std::unique_ptr<Service> make_s3_service(const ServiceDeps& deps);

}  // namespace spawn::localcloud
