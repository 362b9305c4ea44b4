#include <gtest/gtest.h>

#include "aws/s3_documents.hpp"
#include "aws/xml.hpp"
#include "localcloud/services/s3/s3_checksums.hpp"
#include "s3_harness.hpp"

namespace spawn::localcloud {
namespace {

using testing::error_of;
using testing::expect_ok;
using testing::parse_xml;

const std::string kBigPart(5 * 1024 * 1024, 'a');

struct Part {
  int number;
  std::string etag;
};

std::string completion(const std::vector<Part>& parts) {
  std::string body = "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">";
  for (const Part& part : parts) {
    body += "<Part><ETag>" + part.etag + "</ETag><PartNumber>" + std::to_string(part.number) +
            "</PartNumber></Part>";
  }
  return body + "</CompleteMultipartUpload>";
}

class Multipart : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(s3.s3().create_bucket("big"));
    auto created = parse_xml(
        expect_ok(s3.send("POST", "/big/data/file.bin?uploads", "",
                          {{"Content-Type", "application/x-big"}, {"x-amz-meta-origin", "test"}})));
    EXPECT_EQ(created.text("Bucket"), "big");
    EXPECT_EQ(created.text("Key"), "data/file.bin");
    upload_id = created.text("UploadId");
    ASSERT_FALSE(upload_id.empty());
  }

  std::string upload_target() const { return "/big/data/file.bin?uploadId=" + upload_id; }

  ApiOutcome upload(int number, std::string bytes) {
    return s3.send(
        "PUT", "/big/data/file.bin?partNumber=" + std::to_string(number) + "&uploadId=" + upload_id,
        bytes, {{"Content-MD5", aws::content_md5(bytes)}});
  }

  Part uploaded(int number, std::string bytes) {
    auto response = expect_ok(upload(number, std::move(bytes)));
    return Part{number, std::string(response.header("ETag").value_or(""))};
  }

  ApiOutcome complete(const std::vector<Part>& parts) {
    return s3.send("POST", upload_target(), completion(parts));
  }

  testing::S3Harness s3{testing::fresh_state_dir()};
  std::string upload_id;
};

TEST_F(Multipart, PartsAreAssembledInOrderWithTheMultipartEtag) {
  Part second = uploaded(2, "tail");
  Part first = uploaded(1, kBigPart);
  EXPECT_EQ(first.etag, quoted_etag(md5_hex(kBigPart)));
  auto result = parse_xml(expect_ok(complete({first, second})));
  EXPECT_EQ(aws::xml::local_name(result.root()), "CompleteMultipartUploadResult");
  EXPECT_EQ(result.text("ETag"), "\"30dcfd3901d1c613b7fb532281748544-2\"");
  EXPECT_EQ(result.text("Location"), "http://127.0.0.1:4566/big/data/file.bin");
  auto object = s3.s3().get_object("big", "data/file.bin");
  ASSERT_TRUE(object.has_value());
  EXPECT_EQ(object->body, kBigPart + "tail");
  EXPECT_EQ(object->info.etag, result.text("ETag"));
  EXPECT_EQ(object->info.content_type, "application/x-big");
  EXPECT_EQ(object->info.metadata.at("origin"), "test");
  EXPECT_EQ(s3.blob_count(), 1u);  // the parts are gone, the object remains
  EXPECT_EQ(error_of(upload(3, "late")), "NoSuchUpload 404");
}

TEST_F(Multipart, ARangedDownloadReadsAcrossPartBoundaries) {
  Part first = uploaded(1, kBigPart);
  Part second = uploaded(2, "tail");
  ASSERT_EQ(error_of(complete({first, second})), "ok");
  std::string range = "bytes=" + std::to_string(kBigPart.size() - 2) + "-";
  auto tail = expect_ok(s3.send("GET", "/big/data/file.bin", "", {{"Range", range}}));
  EXPECT_EQ(tail.status, 206);
  EXPECT_EQ(tail.body, "aatail");
}

TEST_F(Multipart, AReuploadedPartReplacesTheEarlierOne) {
  uploaded(1, "old");
  Part again = uploaded(1, "new");
  EXPECT_EQ(s3.blob_count(), 1u);
  ASSERT_EQ(error_of(complete({again})), "ok");
  EXPECT_EQ(s3.s3().get_object("big", "data/file.bin")->body, "new");
}

TEST_F(Multipart, CompletionIsCheckedLikeS3) {
  Part first = uploaded(1, "small");
  Part second = uploaded(2, "tail");
  EXPECT_EQ(error_of(complete({first, second})), "EntityTooSmall 400");
  EXPECT_EQ(error_of(complete({second, first})), "InvalidPartOrder 400");
  EXPECT_EQ(error_of(complete({{1, "\"0123\""}})), "InvalidPart 400");
  EXPECT_EQ(error_of(complete({{3, first.etag}})), "InvalidPart 400");
  EXPECT_EQ(error_of(complete({})), "MalformedXML 400");
  EXPECT_EQ(error_of(s3.send("POST", "/big/other-key?uploadId=" + upload_id, completion({first}))),
            "NoSuchUpload 404");
  EXPECT_EQ(error_of(s3.send("GET", "/big/data/file.bin")), "NoSuchKey 404");
}

TEST_F(Multipart, PartNumbersOutsideOneTo10000AreRefused) {
  EXPECT_EQ(error_of(upload(0, "x")), "InvalidArgument 400");
  EXPECT_EQ(error_of(upload(10001, "x")), "InvalidArgument 400");
}

TEST_F(Multipart, AbortDropsTheUploadAndItsParts) {
  uploaded(1, "part");
  EXPECT_EQ(expect_ok(s3.send("DELETE", upload_target())).status, 204);
  EXPECT_EQ(s3.blob_count(), 0u);
  EXPECT_EQ(error_of(s3.send("DELETE", upload_target())), "NoSuchUpload 404");
}

TEST_F(Multipart, ListPartsShowsWhatWasUploaded) {
  uploaded(2, "bb");
  uploaded(1, "a");
  uploaded(10, "cccc");
  auto parts = parse_xml(expect_ok(s3.send("GET", upload_target())));
  std::vector<std::string> numbers;
  for (pugi::xml_node part : aws::xml::children(parts.root(), "Part"))
    numbers.push_back(aws::xml::text(part, "PartNumber"));
  EXPECT_EQ(numbers, (std::vector<std::string>{"1", "2", "10"}));
  auto page =
      parse_xml(expect_ok(s3.send("GET", upload_target() + "&max-parts=1&part-number-marker=1")));
  EXPECT_EQ(page.text("Part/PartNumber"), "2");
  EXPECT_EQ(page.text("Part/Size"), "2");
  EXPECT_EQ(page.text("IsTruncated"), "true");
  EXPECT_EQ(page.text("NextPartNumberMarker"), "2");
  auto uploads = parse_xml(expect_ok(s3.send("GET", "/big?uploads")));
  EXPECT_EQ(uploads.text("Upload/Key"), "data/file.bin");
  EXPECT_EQ(uploads.text("Upload/UploadId"), upload_id);
}

TEST_F(Multipart, PartsCanBeCopiedFromAnObject) {
  ASSERT_TRUE(s3.s3().put_object({"big", "source", "0123456789", "", {}, {}}));
  auto copied = parse_xml(expect_ok(
      s3.send("PUT", "/big/data/file.bin?partNumber=1&uploadId=" + upload_id, "",
              {{"x-amz-copy-source", "/big/source"}, {"x-amz-copy-source-range", "bytes=2-4"}})));
  EXPECT_EQ(aws::xml::local_name(copied.root()), "CopyPartResult");
  ASSERT_EQ(error_of(complete({{1, copied.text("ETag")}})), "ok");
  EXPECT_EQ(s3.s3().get_object("big", "data/file.bin")->body, "234");
}

}  // namespace
}  // namespace spawn::localcloud
