// The bucket lifecycle: ListBuckets, CreateBucket (in the region its
// LocationConstraint names), HeadBucket, DeleteBucket and GetBucketLocation.
#pragma once

#include "localcloud/services/s3/s3_context.hpp"

namespace spawn::localcloud {

ApiOutcome list_buckets(const S3Call& call);
// A bucket we already have: 200 in us-east-1 (as AWS), else BucketAlreadyOwnedByYou.
ApiOutcome create_bucket(const S3Call& call);
// 200 with x-amz-bucket-region, or 404.
ApiOutcome head_bucket(const S3Call& call);
// BucketNotEmpty while it holds objects; uploads in progress are aborted with it.
ApiOutcome delete_bucket(const S3Call& call);
// <LocationConstraint>, empty for us-east-1.
ApiOutcome get_bucket_location(const S3Call& call);

}  // namespace spawn::localcloud
