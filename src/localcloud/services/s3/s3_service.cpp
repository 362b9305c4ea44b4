// Answers to HEAD requests never carry a body, errors included (S3 sends a bare
// 404 for a missing bucket or key), so HEAD errors are answered here rather
// than rendered by the front end. Every answer names its request in
// x-amz-request-id, as S3's do.
#include "localcloud/services/s3/s3_service.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include "localcloud/services/s3/bucket_config_operations.hpp"
#include "localcloud/services/s3/bucket_operations.hpp"
#include "localcloud/services/s3/delete_objects.hpp"
#include "localcloud/services/s3/list_operations.hpp"
#include "localcloud/services/s3/multipart_completion.hpp"
#include "localcloud/services/s3/multipart_listing.hpp"
#include "localcloud/services/s3/multipart_operations.hpp"
#include "localcloud/services/s3/object_operations.hpp"
#include "localcloud/services/s3/object_tagging_operations.hpp"
#include "localcloud/services/s3/s3_records.hpp"

namespace spawn::localcloud {

namespace {

using Op = S3Operation;

constexpr std::array<std::pair<S3Operation, S3Handler>, 32> kHandlers = {{
    {Op::list_buckets, list_buckets},
    {Op::create_bucket, create_bucket},
    {Op::head_bucket, head_bucket},
    {Op::delete_bucket, delete_bucket},
    {Op::get_bucket_location, get_bucket_location},
    {Op::list_objects, list_objects},
    {Op::list_objects_v2, list_objects_v2},
    {Op::delete_objects, delete_objects},
    {Op::get_bucket_tagging, get_bucket_tagging},
    {Op::put_bucket_tagging, put_bucket_tagging},
    {Op::delete_bucket_tagging, delete_bucket_tagging},
    {Op::get_bucket_encryption, get_bucket_encryption},
    {Op::put_bucket_encryption, put_bucket_encryption},
    {Op::delete_bucket_encryption, delete_bucket_encryption},
    {Op::get_public_access_block, get_public_access_block},
    {Op::put_public_access_block, put_public_access_block},
    {Op::delete_public_access_block, delete_public_access_block},
    {Op::list_multipart_uploads, list_multipart_uploads},
    {Op::put_object, put_object},
    {Op::copy_object, copy_object},
    {Op::get_object, get_object},
    {Op::head_object, head_object},
    {Op::delete_object, delete_object},
    {Op::get_object_tagging, get_object_tagging},
    {Op::put_object_tagging, put_object_tagging},
    {Op::delete_object_tagging, delete_object_tagging},
    {Op::create_multipart_upload, create_multipart_upload},
    {Op::upload_part, upload_part},
    {Op::upload_part_copy, upload_part_copy},
    {Op::complete_multipart_upload, complete_multipart_upload},
    {Op::abort_multipart_upload, abort_multipart_upload},
    {Op::list_parts, list_parts},
}};
static_assert(kHandlers.size() == static_cast<std::size_t>(Op::list_parts) + 1,
              "every S3 operation needs a handler");

S3Handler handler_for(S3Operation operation) {
  return std::find_if(kHandlers.begin(), kHandlers.end(),
                      [&](const auto& entry) { return entry.first == operation; })
      ->second;
}

// Every blob a document names: the objects' and the parts of uploads in progress.
std::set<std::string, std::less<>> live_blobs(const ResourceStore& store) {
  std::set<std::string, std::less<>> live;
  store.read(kS3Region, kObjectKind, [&](const ResourceMap& objects) {
    for (const auto& [id, object] : objects)
      live.insert(object.value("Blob", ""));
  });
  store.read(kS3Region, kUploadKind, [&](const ResourceMap& uploads) {
    for (const auto& [id, upload] : uploads) {
      for (std::string& blob : upload_blobs(upload))
        live.insert(std::move(blob));
    }
  });
  return live;
}

class S3Service final : public Service {
 public:
  explicit S3Service(const ServiceDeps& deps)
      : context_{deps.store, BlobStore(deps.state_dir / "s3" / "blobs"), deps.endpoint_url} {
    context_.blobs.remove_all_but(live_blobs(context_.store));
  }

  std::string_view signing_name() const override { return "s3"; }
  ErrorShape error_shape() const override { return ErrorShape{Protocol::rest_xml, {}, {}}; }
  std::string operation_of(const aws::HttpRequest& request) const override {
    auto route = route_s3_request(request);
    return route ? std::string(operation_name(route->operation)) : std::string();
  }

  ApiOutcome handle(const ApiRequest& request) override {
    ApiOutcome outcome = answer(request);
    if (!outcome && request.http.method == "HEAD")
      outcome = aws::HttpResponse{outcome.error().status, {}, {}};
    if (outcome)
      outcome->headers.emplace_back("x-amz-request-id", request.request_id);
    return outcome;
  }

 private:
  ApiOutcome answer(const ApiRequest& request) {
    auto route = route_s3_request(request.http);
    if (!route)
      return std::unexpected(route.error());
    return handler_for(route->operation)(S3Call{context_, request, *route});
  }

  S3Context context_;
};

}  // namespace

std::unique_ptr<Service> make_s3_service(const ServiceDeps& deps) {
  return std::make_unique<S3Service>(deps);
}

}  // namespace spawn::localcloud
