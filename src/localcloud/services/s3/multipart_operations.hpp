// Multipart uploads in progress, as `aws s3 cp` makes them for files over
// 8 MB: CreateMultipartUpload keeps the object's attributes in an "s3-upload"
// document, each UploadPart (or UploadPartCopy) stores its part in a blob of
// its own (a part uploaded again replaces the earlier one), and
// AbortMultipartUpload drops the upload with its parts.
#pragma once

#include "localcloud/services/s3/s3_context.hpp"

namespace spawn::localcloud {

ApiOutcome create_multipart_upload(const S3Call& call);
// partNumber must be 1..10000; answers the part's ETag (quoted MD5).
ApiOutcome upload_part(const S3Call& call);
// A part copied from x-amz-copy-source, optionally x-amz-copy-source-range of it.
ApiOutcome upload_part_copy(const S3Call& call);
ApiOutcome abort_multipart_upload(const S3Call& call);

}  // namespace spawn::localcloud
