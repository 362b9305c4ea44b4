// The AWS calls cleanup needs that the typed clients do not offer yet: listing IAM's
// roles and instance profiles by name, and reading the tags of and deleting an S3
// bucket. They belong in aws::IamClient and aws::S3Client; they live here only
// because those files were being changed by others when cleanup was written.
#pragma once

#include <string>
#include <vector>

#include "aws/client.hpp"
#include "aws/common_types.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// Names of every role of the account (IAM ListRoles, all pages).
Result<std::vector<std::string>> list_role_names(aws::AwsClient& client);

// Names of every instance profile of the account (IAM ListInstanceProfiles, all pages).
Result<std::vector<std::string>> list_instance_profile_names(aws::AwsClient& client);

// The bucket's tags (S3 GetBucketTagging); an empty list when it has none, ErrorKind::not_found
// when the bucket does not exist.
Result<std::vector<aws::Tag>> bucket_tags(aws::AwsClient& client, const std::string& bucket);

// Deletes an empty bucket (S3 DeleteBucket).
Result<void> delete_bucket(aws::AwsClient& client, const std::string& bucket);

}  // namespace spawn::ops
