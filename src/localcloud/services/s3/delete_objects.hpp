// DeleteObjects (POST /<bucket>?delete): up to 1,000 keys in one request, as
// `aws s3 rm --recursive` sends them. Keys that do not exist count as deleted,
// as in S3; Quiet leaves the deleted keys out of the answer.
#pragma once

#include "localcloud/services/s3/s3_context.hpp"

namespace spawn::localcloud {

ApiOutcome delete_objects(const S3Call& call);

}  // namespace spawn::localcloud
