// A bucket's settings, kept in its document under the model's member names:
// TagSet (GetBucketTagging answers NoSuchTagSet when none), the
// ServerSideEncryptionConfiguration (SSE-S3 AES256 unless told otherwise, as
// AWS applies to every bucket since 2023) and the
// PublicAccessBlockConfiguration (all four blocks on for a new bucket, as AWS
// does since 2023; NoSuchPublicAccessBlockConfiguration once deleted).
#pragma once

#include "localcloud/services/s3/s3_context.hpp"

namespace spawn::localcloud {

ApiOutcome put_bucket_tagging(const S3Call& call);
ApiOutcome get_bucket_tagging(const S3Call& call);
ApiOutcome delete_bucket_tagging(const S3Call& call);
ApiOutcome put_bucket_encryption(const S3Call& call);
ApiOutcome get_bucket_encryption(const S3Call& call);
ApiOutcome delete_bucket_encryption(const S3Call& call);
ApiOutcome put_public_access_block(const S3Call& call);
ApiOutcome get_public_access_block(const S3Call& call);
ApiOutcome delete_public_access_block(const S3Call& call);

}  // namespace spawn::localcloud
