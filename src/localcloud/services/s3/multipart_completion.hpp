// CompleteMultipartUpload: the parts the client lists (ascending, each with the
// ETag it was given) are joined into the object's blob, whose ETag is S3's
// "<md5 of the parts' MD5s>-<part count>". Every part but the last must hold at
// least 5 MiB. Parts uploaded but not listed are dropped with the upload.
#pragma once

#include "localcloud/services/s3/s3_context.hpp"

namespace spawn::localcloud {

ApiOutcome complete_multipart_upload(const S3Call& call);

}  // namespace spawn::localcloud
