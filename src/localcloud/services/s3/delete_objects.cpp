#include "localcloud/services/s3/delete_objects.hpp"

#include <string>
#include <vector>

#include "aws/xml.hpp"
#include "localcloud/api/responses.hpp"
#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/s3_payload.hpp"
#include "localcloud/services/s3/s3_records.hpp"
#include "localcloud/services/s3/s3_xml.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::size_t kMaxKeysPerRequest = 1000;

struct DeleteRequest {
  std::vector<std::string> keys;
  bool quiet = false;
};

std::expected<DeleteRequest, ApiError> parse_delete(std::string_view body) {
  auto document = parse_s3_body(body, "Delete");
  if (!document)
    return std::unexpected(document.error());
  pugi::xml_node root = (*document)->document_element();
  DeleteRequest request{{}, aws::xml::boolean(root, "Quiet").value_or(false)};
  for (pugi::xml_node object : aws::xml::children(root, "Object")) {
    auto key = aws::xml::optional_text(object, "Key");
    if (!key || key->empty())
      return std::unexpected(s3_errors::malformed_xml());
    request.keys.push_back(std::move(*key));
  }
  if (request.keys.empty() || request.keys.size() > kMaxKeysPerRequest)
    return std::unexpected(s3_errors::malformed_xml());
  return request;
}

// Erases `keys` of `bucket` in one transaction and drops the blobs they held.
std::expected<void, ApiError> erase_keys(S3Context& context, std::string_view bucket,
                                         const std::vector<std::string>& keys) {
  return commit_with_blobs(
      context, {}, [&](Transaction& transaction) -> std::expected<RetiredBlobs, ApiError> {
        if (auto exists = find_bucket(transaction, bucket); !exists)
          return std::unexpected(exists.error());
        RetiredBlobs retired;
        for (const std::string& key : keys) {
          std::string id = object_id(bucket, key);
          if (const Json* object = transaction.find(kS3Region, kObjectKind, id)) {
            retired.push_back(object->value("Blob", ""));
            transaction.erase(kS3Region, kObjectKind, id);
          }
        }
        return retired;
      });
}

aws::HttpResponse delete_result(const DeleteRequest& request) {
  pugi::xml_document document;
  pugi::xml_node root = add_s3_root(document, "DeleteResult");
  if (!request.quiet) {
    for (const std::string& key : request.keys)
      add_text(add_node(root, "Deleted"), "Key", key);
  }
  return s3_xml_response(document);
}

}  // namespace

ApiOutcome delete_objects(const S3Call& call) {
  if (auto intact = check_content_md5(call.request.http); !intact)
    return std::unexpected(intact.error());
  auto request = parse_delete(call.request.http.body);
  if (!request)
    return std::unexpected(request.error());
  if (auto erased = erase_keys(call.context, call.route.bucket, request->keys); !erased)
    return std::unexpected(erased.error());
  return delete_result(*request);
}

}  // namespace spawn::localcloud
