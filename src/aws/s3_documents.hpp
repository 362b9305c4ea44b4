// The bytes S3 operations exchange besides the object data: the XML documents
// of the configuration PUTs, the ListObjectsV2 query and answer, the
// x-amz-tagging header, Content-MD5, and the object headers HeadObject and
// GetObject answer with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "aws/http.hpp"
#include "aws/rest_protocol.hpp"
#include "aws/s3.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// Base64 of the body's MD5 digest, as the Content-MD5 header wants it.
std::string content_md5(std::string_view body);

// <CreateBucketConfiguration> naming `region`; empty for us-east-1, which takes no body.
std::string create_bucket_document(std::string_view region);
// <PublicAccessBlockConfiguration> with all four blocks on.
std::string public_access_block_document();
// <ServerSideEncryptionConfiguration> whose default is SSE-S3 (AES256).
std::string aes256_encryption_document();
// <Tagging><TagSet> holding `tags`.
std::string tagging_document(const std::vector<Tag>& tags);
// The tags of a <Tagging><TagSet> document (GetBucketTagging's answer).
Result<std::vector<Tag>> read_tagging_document(const std::string& body);
// "key=value&..." URI-encoded, as x-amz-tagging wants it.
std::string tagging_header(const std::vector<Tag>& tags);

// ListObjectsV2's query: list-type=2, prefix, continuation-token, max-keys, encoding-type=url.
QueryList list_objects_query(const ListObjectsRequest& request);
// A ListObjectsV2 answer; keys are URL-decoded when the answer says EncodingType url.
Result<Page<ObjectSummary>> parse_list_objects(std::string_view body);

// Size, ETag, type, date and x-amz-meta-* of a HeadObject or GetObject answer.
ObjectInfo read_object_info(const HttpResponse& response);

}  // namespace spawn::aws
