// The high-level `aws s3` commands: mb, cp (single and multipart, both ways),
// ls, rm, and presigned URLs fetched with a plain unsigned GET.
#include <fstream>
#include <random>

#include "localcloud_suite.hpp"
#include "plain_http.hpp"

namespace spawn::conformance {
namespace {

// Above the CLI's 8 MB multipart threshold: uploaded in two parts.
constexpr std::size_t kMultipartBytes = std::size_t{9} * 1024 * 1024;
constexpr std::chrono::seconds kExpiryDeadline{15};

class S3 : public LocalcloudSuite {
 protected:
  // Makes a bucket with a name of this test's own and returns the name.
  std::string make_bucket() const {
    std::string bucket = unique_name("bucket");
    AwsResult made = aws({"s3", "mb", "s3://" + bucket});
    EXPECT_TRUE(made.succeeded()) << made;
    EXPECT_NE(made.out.find("make_bucket: " + bucket), std::string::npos) << made;
    return bucket;
  }
};

std::string bytes_of(std::size_t size) {
  std::mt19937 generator{static_cast<unsigned>(size)};
  std::string bytes(size, '\0');
  for (char& byte : bytes)
    byte = static_cast<char>(generator());
  return bytes;
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

TEST_F(S3, CopiesSmallAndMultipartFilesUpAndDownByteForByte) {
  std::string bucket = make_bucket();
  std::string small_content = "small object for " + bucket + "\n";
  std::string big_content = bytes_of(kMultipartBytes);
  std::filesystem::path small = scratch_file("small.txt", small_content);
  std::filesystem::path big = scratch_file("big.bin", big_content);
  std::filesystem::path back = scratch_dir();

  for (const std::filesystem::path& file : {small, big}) {
    std::string key = "s3://" + bucket + "/up/" + file.filename().string();
    AwsResult up = aws({"s3", "cp", file.string(), key});
    ASSERT_TRUE(up.succeeded()) << up;
    AwsResult down = aws({"s3", "cp", key, (back / file.filename()).string()});
    EXPECT_TRUE(down.succeeded()) << down;
  }
  EXPECT_EQ(file_content(back / "small.txt"), small_content);
  EXPECT_TRUE(file_content(back / "big.bin") == big_content) << "the 9 MB object came back changed";

  nlohmann::json head = aws_ok({"s3api", "head-object", "--bucket", bucket, "--key", "up/big.bin"});
  EXPECT_EQ(json_at(head, "/ContentLength"), kMultipartBytes) << head.dump();
  EXPECT_TRUE(text_at(head, "/ETag").ends_with("-2\""))
      << "a two-part upload has a multipart ETag: " << head.dump();
}

TEST_F(S3, ListsBucketsAndKeysByPrefixAndRemovesThem) {
  std::string bucket = make_bucket();
  std::filesystem::path tree = scratch_dir();
  for (const char* name : {"logs/a.txt", "logs/b.txt", "data/c.txt"}) {
    std::filesystem::create_directories((tree / name).parent_path());
    std::ofstream(tree / name) << "content of " << name << "\n";
  }
  AwsResult uploaded = aws({"s3", "cp", tree.string(), "s3://" + bucket + "/", "--recursive"});
  ASSERT_TRUE(uploaded.succeeded()) << uploaded;

  AwsResult buckets = aws({"s3", "ls"});
  ASSERT_TRUE(buckets.succeeded()) << buckets;
  EXPECT_NE(buckets.out.find(" " + bucket + "\n"), std::string::npos) << buckets;

  AwsResult logs = aws({"s3", "ls", "s3://" + bucket + "/logs/"});
  ASSERT_TRUE(logs.succeeded()) << logs;
  EXPECT_NE(logs.out.find(" a.txt\n"), std::string::npos) << logs;
  EXPECT_NE(logs.out.find(" b.txt\n"), std::string::npos) << logs;
  EXPECT_EQ(logs.out.find("c.txt"), std::string::npos) << logs;

  AwsResult removed = aws({"s3", "rm", "s3://" + bucket + "/data/c.txt"});
  ASSERT_TRUE(removed.succeeded()) << removed;
  EXPECT_NE(removed.out.find("delete: s3://" + bucket + "/data/c.txt"), std::string::npos)
      << removed;
  AwsResult emptied = aws({"s3", "rm", "s3://" + bucket + "/", "--recursive"});
  ASSERT_TRUE(emptied.succeeded()) << emptied;
  EXPECT_NE(emptied.out.find("delete: s3://" + bucket + "/logs/a.txt"), std::string::npos)
      << emptied;
  EXPECT_NE(emptied.out.find("delete: s3://" + bucket + "/logs/b.txt"), std::string::npos)
      << emptied;

  nlohmann::json left = aws_ok({"s3api", "list-objects-v2", "--bucket", bucket});
  EXPECT_TRUE(json_at(left, "/Contents").empty()) << left.dump();
  EXPECT_TRUE(fails_with(aws({"s3api", "get-object", "--bucket", bucket, "--key", "logs/a.txt",
                              (tree / "removed.txt").string()}),
                         "NoSuchKey"));
}

TEST_F(S3, PresignedUrlServesTheObjectUntilItExpires) {
  std::string bucket = make_bucket();
  std::string content = "presigned content for " + bucket + "\n";
  std::string key = "s3://" + bucket + "/shared.txt";
  AwsResult up = aws({"s3", "cp", scratch_file("shared.txt", content).string(), key});
  ASSERT_TRUE(up.succeeded()) << up;

  AwsResult presigned = aws({"s3", "presign", key, "--expires-in", "300"});
  ASSERT_TRUE(presigned.succeeded()) << presigned;
  std::string url = first_line(presigned.out);
  auto fetched = plain_http("GET", url);
  ASSERT_TRUE(fetched) << fetched.error().message;
  EXPECT_EQ(fetched->status, 200) << url << "\n" << fetched->body;
  EXPECT_EQ(fetched->body, content);

  AwsResult short_lived = aws({"s3", "presign", key, "--expires-in", "1"});
  ASSERT_TRUE(short_lived.succeeded()) << short_lived;
  std::string expiring = first_line(short_lived.out);
  aws::HttpResponse late;
  bool expired = eventually(kExpiryDeadline, [&] {
    auto answer = plain_http("GET", expiring);
    late = answer ? *answer : aws::HttpResponse{};
    return answer && answer->status != 200;
  });
  ASSERT_TRUE(expired) << "a URL presigned for 1 s still served the object after "
                       << kExpiryDeadline.count() << " s";
  EXPECT_EQ(late.status, 403) << late.body;
  EXPECT_NE(late.body.find("<Code>AccessDenied</Code>"), std::string::npos) << late.body;
}

}  // namespace
}  // namespace spawn::conformance
