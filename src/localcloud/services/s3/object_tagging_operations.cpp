#include "localcloud/services/s3/object_tagging_operations.hpp"

#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/s3_payload.hpp"
#include "localcloud/services/s3/s3_records.hpp"
#include "localcloud/services/s3/s3_tags.hpp"
#include "localcloud/services/s3/s3_xml.hpp"

namespace spawn::localcloud {

namespace {

constexpr int kNoContent = 204;

// Replaces the object's TagSet with `tag_set`.
std::expected<void, ApiError> set_tags(const S3Call& call, Json tag_set) {
  return call.context.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
    if (auto bucket = find_bucket(transaction, call.route.bucket); !bucket)
      return std::unexpected(bucket.error());
    Json* object =
        transaction.find(kS3Region, kObjectKind, object_id(call.route.bucket, call.route.key));
    if (object == nullptr)
      return std::unexpected(s3_errors::no_such_key());
    (*object)["TagSet"] = std::move(tag_set);
    return {};
  });
}

}  // namespace

ApiOutcome get_object_tagging(const S3Call& call) {
  auto object = object_record(call.context.store, call.route.bucket, call.route.key);
  if (!object)
    return std::unexpected(object.error());
  return tagging_response(object->value("TagSet", Json::array()));
}

ApiOutcome put_object_tagging(const S3Call& call) {
  if (auto intact = check_content_md5(call.request.http); !intact)
    return std::unexpected(intact.error());
  auto tag_set = parse_tagging_document(call.request.http.body, kMaxObjectTags);
  if (!tag_set)
    return std::unexpected(tag_set.error());
  if (auto stored = set_tags(call, std::move(*tag_set)); !stored)
    return std::unexpected(stored.error());
  return empty_response(200);
}

ApiOutcome delete_object_tagging(const S3Call& call) {
  if (auto stored = set_tags(call, Json::array()); !stored)
    return std::unexpected(stored.error());
  return empty_response(kNoContent);
}

}  // namespace spawn::localcloud
