// S3 over rest-xml. Each operation is a method, a location (bucket, key, a
// sub-resource like ?tagging) and maybe an XML body; the bodies and the
// header-to-struct mapping live in s3_documents.cpp. Configuration PUTs must
// carry Content-MD5 (the model marks their checksum as required); object PUTs
// send it too, as the AWS CLI does, so a damaged upload is refused.
// The signer treats S3 specially (X-Amz-Content-SHA256, paths not re-encoded)
// because AwsClient signs by service name.
#include "aws/s3.hpp"

#include <fmt/format.h>

#include "aws/pagination.hpp"
#include "aws/rest_protocol.hpp"
#include "aws/s3_address.hpp"
#include "aws/s3_documents.hpp"

namespace spawn::aws {

namespace {

// Where a request goes: a bucket, an object in it, or a sub-resource of the bucket.
struct S3Location {
  std::string_view bucket;
  std::string_view key;          // empty for bucket-level requests
  std::string_view subresource;  // "tagging" -> "?tagging"; empty for none
};

Result<HttpRequest> build_request(const AwsClient& client, const S3Location& where,
                                  RestRequest request) {
  auto url = s3_url(client.endpoints(), client.region(), where.bucket, where.key);
  if (!url)
    return std::unexpected(std::move(url.error()));
  request.path = url->path;
  HttpRequest http = build_rest_request(std::move(request));
  if (!where.subresource.empty()) {
    http.url.query = http.url.query.empty()
                         ? std::string(where.subresource)
                         : fmt::format("{}&{}", where.subresource, http.url.query);
  }
  http.url.scheme = url->scheme;
  http.url.host = url->host;
  http.url.port = url->port;
  return http;
}

Result<HttpResponse> send(AwsClient& client, std::string_view operation, const S3Location& where,
                          RestRequest request) {
  auto http = build_request(client, where, std::move(request));
  if (!http)
    return std::unexpected(std::move(http.error()));
  return client.send(services::s3, operation, *http);
}

Result<void> send_without_answer(AwsClient& client, std::string_view operation,
                                 const S3Location& where, RestRequest request) {
  auto response = send(client, operation, where, std::move(request));
  if (!response)
    return std::unexpected(std::move(response.error()));
  return {};
}

RestRequest request_with_method(std::string method) {
  RestRequest request;
  request.method = std::move(method);
  return request;
}

// A PUT of `body` with its Content-MD5 (and Content-Type when given).
RestRequest put_with_body(std::string body, std::string_view content_type = {}) {
  RestRequest request = request_with_method("PUT");
  request.headers.emplace_back("Content-MD5", content_md5(body));
  if (!content_type.empty())
    request.headers.emplace_back("Content-Type", std::string(content_type));
  request.body = std::move(body);
  return request;
}

bool has_code(const Error& error, std::string_view code) {
  return error.aws && error.aws->code == code;
}

Result<void> require_key(std::string_view operation, std::string_view key) {
  if (key.empty())
    return fail(ErrorKind::usage, fmt::format("s3 {} needs an object key", operation));
  return {};
}

}  // namespace

Result<void> S3Client::create_bucket(const std::string& bucket) {
  RestRequest request = request_with_method("PUT");
  request.body = create_bucket_document(client_.region());
  return send_without_answer(client_, "CreateBucket", {bucket, "", ""}, std::move(request));
}

Result<void> S3Client::put_public_access_block(const std::string& bucket) {
  return send_without_answer(client_, "PutPublicAccessBlock", {bucket, "", "publicAccessBlock"},
                             put_with_body(public_access_block_document()));
}

Result<void> S3Client::put_bucket_encryption(const std::string& bucket) {
  return send_without_answer(client_, "PutBucketEncryption", {bucket, "", "encryption"},
                             put_with_body(aes256_encryption_document()));
}

Result<void> S3Client::put_bucket_tagging(const std::string& bucket, const std::vector<Tag>& tags) {
  return send_without_answer(client_, "PutBucketTagging", {bucket, "", "tagging"},
                             put_with_body(tagging_document(tags)));
}

Result<std::vector<Tag>> S3Client::get_bucket_tagging(const std::string& bucket) {
  auto answer = send(client_, "GetBucketTagging", {bucket, "", "tagging"}, RestRequest{});
  if (!answer && has_code(answer.error(), "NoSuchTagSet"))
    return std::vector<Tag>{};
  if (!answer && has_code(answer.error(), "NoSuchBucket"))
    answer.error().kind = ErrorKind::not_found;
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  return read_tagging_document(answer->body);
}

Result<void> S3Client::delete_bucket(const std::string& bucket) {
  return send_without_answer(client_, "DeleteBucket", {bucket, "", ""},
                             request_with_method("DELETE"));
}

Result<void> S3Client::put_object(const PutObjectRequest& request) {
  if (auto valid = require_key("PutObject", request.key); !valid)
    return valid;
  RestRequest put = put_with_body(request.body, request.content_type);
  if (request.encryption == ServerSideEncryption::aes256) {
    put.headers.emplace_back("x-amz-server-side-encryption", "AES256");
  }
  if (!request.tags.empty())
    put.headers.emplace_back("x-amz-tagging", tagging_header(request.tags));
  return send_without_answer(client_, "PutObject", {request.bucket, request.key, ""},
                             std::move(put));
}

Result<S3Object> S3Client::get_object(const std::string& bucket, const std::string& key) {
  if (auto valid = require_key("GetObject", key); !valid)
    return std::unexpected(valid.error());
  auto response = send(client_, "GetObject", {bucket, key, ""}, RestRequest{});
  if (!response)
    return std::unexpected(std::move(response.error()));
  return S3Object{read_object_info(*response), std::move(response->body)};
}

Result<ObjectInfo> S3Client::head_object(const std::string& bucket, const std::string& key) {
  if (auto valid = require_key("HeadObject", key); !valid)
    return std::unexpected(valid.error());
  auto response = send(client_, "HeadObject", {bucket, key, ""}, request_with_method("HEAD"));
  if (!response)
    return std::unexpected(std::move(response.error()));
  return read_object_info(*response);
}

Result<void> S3Client::delete_object(const std::string& bucket, const std::string& key) {
  if (auto valid = require_key("DeleteObject", key); !valid)
    return valid;
  return send_without_answer(client_, "DeleteObject", {bucket, key, ""},
                             request_with_method("DELETE"));
}

Result<Page<ObjectSummary>> S3Client::list_objects(const ListObjectsRequest& request) {
  RestRequest list;
  list.query = list_objects_query(request);
  auto response = send(client_, "ListObjectsV2", {request.bucket, "", ""}, std::move(list));
  if (!response)
    return std::unexpected(std::move(response.error()));
  return parse_list_objects(response->body);
}

Result<std::vector<ObjectSummary>> S3Client::list_objects_all(const std::string& bucket,
                                                              const std::string& prefix) {
  return collect_all_pages(ListObjectsRequest{bucket, prefix, {}},
                           [this](const ListObjectsRequest& page) { return list_objects(page); });
}

Result<std::string> S3Client::presign_get(const std::string& bucket, const std::string& key,
                                          std::chrono::seconds expires) {
  if (auto valid = require_key("GetObject", key); !valid)
    return std::unexpected(valid.error());
  auto http = build_request(client_, {bucket, key, ""}, RestRequest{});
  if (!http)
    return std::unexpected(std::move(http.error()));
  return client_.presign(services::s3, std::move(*http), expires);
}

}  // namespace spawn::aws
