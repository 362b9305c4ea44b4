#include "localcloud/services/s3/multipart_listing.hpp"

#include <charconv>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/s3_records.hpp"
#include "localcloud/services/s3/s3_xml.hpp"

namespace spawn::localcloud {

namespace {

constexpr int kMaxParts = 1000;

// The integer query parameter `name`, `fallback` when absent; InvalidArgument when not one.
std::expected<int, ApiError> int_param(const S3Route& route, std::string_view name, int fallback) {
  if (!route.has_param(name))
    return fallback;
  std::string_view text = route.param(name);
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < 0) {
    return std::unexpected(s3_errors::invalid_argument(
        std::string("Provided ") + std::string(name) + " not an integer or within integer range"));
  }
  return value;
}

void add_part(pugi::xml_node root, const Json& part) {
  pugi::xml_node node = add_node(root, "Part");
  add_text(node, "PartNumber", std::to_string(part.value("PartNumber", 0)));
  add_text(node, "LastModified", part.value("LastModified", ""));
  add_text(node, "ETag", part.value("ETag", ""));
  add_text(node, "Size", std::to_string(part.value("Size", std::uint64_t{0})));
}

void add_upload(pugi::xml_node root, const Json& upload) {
  pugi::xml_node node = add_node(root, "Upload");
  add_text(node, "Key", upload.value("Key", ""));
  add_text(node, "UploadId", upload.value("UploadId", ""));
  add_owner(node, "Initiator");
  add_owner(node);
  add_text(node, "StorageClass", "STANDARD");
  add_text(node, "Initiated", upload.value("Initiated", ""));
}

}  // namespace

ApiOutcome list_parts(const S3Call& call) {
  const S3Route& route = call.route;
  auto max_parts = int_param(route, "max-parts", kMaxParts);
  auto marker = int_param(route, "part-number-marker", 0);
  if (!max_parts || !marker)
    return std::unexpected(!max_parts ? max_parts.error() : marker.error());
  auto upload = upload_record(call.context.store, route.param("uploadId"), route.bucket, route.key);
  if (!upload)
    return std::unexpected(upload.error());
  pugi::xml_document document;
  pugi::xml_node root = add_s3_root(document, "ListPartsResult");
  add_text(root, "Bucket", route.bucket);
  add_text(root, "Key", route.key);
  add_text(root, "UploadId", route.param("uploadId"));
  add_text(root, "PartNumberMarker", std::to_string(*marker));
  int listed = 0;
  int last = 0;
  bool truncated = false;
  const Json stored = upload->value("Parts", Json::object());
  for (const auto& [slot, part] : stored.items()) {
    int number = part.value("PartNumber", 0);
    if (number <= *marker)
      continue;
    if (listed == std::min(*max_parts, kMaxParts)) {
      truncated = true;
      break;
    }
    add_part(root, part);
    last = number;
    ++listed;
  }
  add_text(root, "NextPartNumberMarker", std::to_string(last));
  add_text(root, "MaxParts", std::to_string(*max_parts));
  add_bool(root, "IsTruncated", truncated);
  add_owner(root, "Initiator");
  add_owner(root);
  add_text(root, "StorageClass", "STANDARD");
  return s3_xml_response(document);
}

ApiOutcome list_multipart_uploads(const S3Call& call) {
  const S3Route& route = call.route;
  if (auto bucket = bucket_record(call.context.store, route.bucket); !bucket)
    return std::unexpected(bucket.error());
  pugi::xml_document document;
  pugi::xml_node root = add_s3_root(document, "ListMultipartUploadsResult");
  add_text(root, "Bucket", route.bucket);
  add_text(root, "KeyMarker", "");
  add_text(root, "UploadIdMarker", "");
  add_text(root, "Prefix", route.param("prefix"));
  add_text(root, "MaxUploads", std::to_string(kMaxParts));
  add_bool(root, "IsTruncated", false);
  call.context.store.read(kS3Region, kUploadKind, [&](const ResourceMap& uploads) {
    for (const auto& [id, upload] : uploads) {
      if (upload.value("Bucket", "") == route.bucket &&
          upload.value("Key", "").starts_with(route.param("prefix")))
        add_upload(root, upload);
    }
  });
  return s3_xml_response(document);
}

}  // namespace spawn::localcloud
