// What is in flight: ListParts (the parts of one upload, in number order, paged
// by max-parts / part-number-marker) and ListMultipartUploads (the uploads in
// progress in a bucket, optionally under a prefix; one page).
#pragma once

#include "localcloud/services/s3/s3_context.hpp"

namespace spawn::localcloud {

ApiOutcome list_parts(const S3Call& call);
ApiOutcome list_multipart_uploads(const S3Call& call);

}  // namespace spawn::localcloud
