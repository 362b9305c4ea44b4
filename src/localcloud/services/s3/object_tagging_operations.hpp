// An object's tags (GetObjectTagging, PutObjectTagging, DeleteObjectTagging),
// kept as the object document's TagSet; uploads set them with x-amz-tagging.
#pragma once

#include "localcloud/services/s3/s3_context.hpp"

namespace spawn::localcloud {

ApiOutcome get_object_tagging(const S3Call& call);
ApiOutcome put_object_tagging(const S3Call& call);
ApiOutcome delete_object_tagging(const S3Call& call);

}  // namespace spawn::localcloud
