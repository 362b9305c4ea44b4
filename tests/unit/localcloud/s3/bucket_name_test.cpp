#include "localcloud/services/s3/bucket_name.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace spawn::localcloud {
namespace {

TEST(BucketName, AcceptsWhatS3Accepts) {
  const std::vector<std::string> names = {"abc", "my-bucket.data", "spawn-staging-123456789012",
                                          "a1b", std::string(63, 'a')};
  for (const std::string& name : names)
    EXPECT_TRUE(is_valid_bucket_name(name)) << name;
}

TEST(BucketName, RefusesWhatS3Refuses) {
  const std::vector<std::string> names = {"ab",
                                          "My-Bucket",
                                          "under_score",
                                          "-start",
                                          "end-",
                                          "two..dots",
                                          "192.168.1.1",
                                          "xn--bucket",
                                          "sthree-bucket",
                                          "bucket-s3alias",
                                          "bucket--ol-s3",
                                          "with space",
                                          "",
                                          std::string(64, 'a')};
  for (const std::string& name : names)
    EXPECT_FALSE(is_valid_bucket_name(name)) << name;
}

}  // namespace
}  // namespace spawn::localcloud
