// Single objects: PutObject, GetObject (with one Range), HeadObject,
// DeleteObject and CopyObject.
#pragma once

#include "localcloud/services/s3/s3_context.hpp"

namespace spawn::localcloud {

// Stores the (aws-chunked decoded, Content-MD5/CRC32 checked) body; ETag = quoted MD5.
ApiOutcome put_object(const S3Call& call);
// 200 with the object, or 206 with the range a "Range: bytes=" header asks for.
ApiOutcome get_object(const S3Call& call);
ApiOutcome head_object(const S3Call& call);
// 204, also when the key does not exist.
ApiOutcome delete_object(const S3Call& call);
// Metadata and tags copied, unless x-amz-metadata-directive / x-amz-tagging-directive REPLACE.
ApiOutcome copy_object(const S3Call& call);

}  // namespace spawn::localcloud
