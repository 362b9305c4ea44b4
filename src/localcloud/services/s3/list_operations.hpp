// Listing a bucket: ListObjectsV2 (continuation tokens, start-after, KeyCount)
// and the original ListObjects (marker / NextMarker). Both take prefix,
// delimiter (CommonPrefixes), max-keys (at most 1,000) and encoding-type=url,
// which URL-encodes every key and prefix in the answer, as the AWS CLI asks.
#pragma once

#include "localcloud/services/s3/s3_context.hpp"

namespace spawn::localcloud {

ApiOutcome list_objects_v2(const S3Call& call);
ApiOutcome list_objects(const S3Call& call);

}  // namespace spawn::localcloud
