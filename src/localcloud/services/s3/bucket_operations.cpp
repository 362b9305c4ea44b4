// Bucket regions follow AWS: a CreateBucket without a LocationConstraint makes
// a us-east-1 bucket and is only valid when signed for us-east-1; a constraint
// must name the region the request was signed for, and "us-east-1" itself is
// not a valid constraint. Bucket names are global, so every region sees every
// bucket.
#include "localcloud/services/s3/bucket_operations.hpp"

#include <fmt/format.h>

#include "aws/xml.hpp"
#include "localcloud/api/responses.hpp"
#include "localcloud/services/s3/bucket_name.hpp"
#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/s3_records.hpp"
#include "localcloud/services/s3/s3_xml.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

constexpr std::string_view kDefaultRegion = "us-east-1";
constexpr int kConflict = 409;
constexpr int kNoContent = 204;

ApiError illegal_location(std::string_view constraint) {
  return client_error("IllegalLocationConstraintException",
                      fmt::format("The {} location constraint is incompatible for the region "
                                  "specific endpoint this request was sent to.",
                                  constraint.empty() ? "unspecified" : constraint));
}

// The region the bucket goes to, from the request's CreateBucketConfiguration.
std::expected<std::string, ApiError> requested_region(const ApiRequest& request) {
  std::string constraint;
  if (!trim(request.http.body).empty()) {
    auto document = parse_s3_body(request.http.body, "CreateBucketConfiguration");
    if (!document)
      return std::unexpected(document.error());
    constraint = aws::xml::text((*document)->document_element(), "LocationConstraint");
  }
  if (constraint == kDefaultRegion) {
    return std::unexpected(client_error("InvalidLocationConstraint",
                                        "The specified location-constraint is not valid"));
  }
  if (constraint.empty() && request.region == kDefaultRegion)
    return std::string(kDefaultRegion);
  if (constraint.empty() || constraint != request.region)
    return std::unexpected(illegal_location(constraint));
  return constraint;
}

// A new bucket as AWS creates it since 2023: public access blocked.
Json new_bucket(const S3Call& call, std::string region) {
  Json all_blocked = Json::object();
  for (const char* block :
       {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
    all_blocked[block] = true;
  }
  return Json{{"Name", call.route.bucket},
              {"CreationDate", s3_timestamp(call.request.time)},
              {"Region", std::move(region)},
              {"PublicAccessBlockConfiguration", std::move(all_blocked)}};
}

// Erases the multipart uploads in progress into `bucket`; returns their part blobs.
RetiredBlobs erase_uploads(Transaction& transaction, std::string_view bucket) {
  RetiredBlobs retired;
  for (const std::string& id : transaction.ids(kS3Region, kUploadKind)) {
    const Json* upload = transaction.find(kS3Region, kUploadKind, id);
    if (upload->value("Bucket", "") != bucket)
      continue;
    for (std::string& blob : upload_blobs(*upload))
      retired.push_back(std::move(blob));
    transaction.erase(kS3Region, kUploadKind, id);
  }
  return retired;
}

}  // namespace

ApiOutcome list_buckets(const S3Call& call) {
  pugi::xml_document document;
  pugi::xml_node root = add_s3_root(document, "ListAllMyBucketsResult");
  add_owner(root);
  pugi::xml_node buckets = add_node(root, "Buckets");
  call.context.store.read(kS3Region, kBucketKind, [&](const ResourceMap& all) {
    for (const auto& [name, bucket] : all) {
      pugi::xml_node node = add_node(buckets, "Bucket");
      add_text(node, "Name", name);
      add_text(node, "CreationDate", bucket.value("CreationDate", ""));
    }
  });
  return s3_xml_response(document);
}

ApiOutcome create_bucket(const S3Call& call) {
  const std::string& name = call.route.bucket;
  if (!is_valid_bucket_name(name))
    return std::unexpected(client_error("InvalidBucketName", "The specified bucket is not valid."));
  auto region = requested_region(call.request);
  if (!region)
    return std::unexpected(region.error());
  auto created = call.context.store.write([&](Transaction& transaction)
                                              -> std::expected<void, ApiError> {
    if (const Json* existing = transaction.find(kS3Region, kBucketKind, name)) {
      if (existing->value("Region", "") == kDefaultRegion)
        return {};
      return std::unexpected(ApiError{
          kConflict, "BucketAlreadyOwnedByYou",
          "Your previous request to create the named bucket succeeded and you already own it."});
    }
    transaction.put(kS3Region, kBucketKind, name, new_bucket(call, *region));
    return {};
  });
  if (!created)
    return std::unexpected(created.error());
  aws::HttpResponse response = empty_response(200);
  response.headers.emplace_back("Location", "/" + name);
  return response;
}

ApiOutcome head_bucket(const S3Call& call) {
  auto bucket = bucket_record(call.context.store, call.route.bucket);
  if (!bucket)
    return std::unexpected(bucket.error());
  aws::HttpResponse response = empty_response(200);
  response.headers.emplace_back("x-amz-bucket-region", bucket->value("Region", ""));
  return response;
}

ApiOutcome delete_bucket(const S3Call& call) {
  const std::string& name = call.route.bucket;
  auto deleted = commit_with_blobs(
      call.context, {}, [&](Transaction& transaction) -> std::expected<RetiredBlobs, ApiError> {
        if (auto bucket = find_bucket(transaction, name); !bucket)
          return std::unexpected(bucket.error());
        if (bucket_has_objects(transaction, name)) {
          return std::unexpected(
              ApiError{kConflict, "BucketNotEmpty", "The bucket you tried to delete is not empty"});
        }
        RetiredBlobs retired = erase_uploads(transaction, name);
        transaction.erase(kS3Region, kBucketKind, name);
        return retired;
      });
  if (!deleted)
    return std::unexpected(deleted.error());
  return empty_response(kNoContent);
}

ApiOutcome get_bucket_location(const S3Call& call) {
  auto bucket = bucket_record(call.context.store, call.route.bucket);
  if (!bucket)
    return std::unexpected(bucket.error());
  std::string region = bucket->value("Region", "");
  pugi::xml_document document;
  pugi::xml_node root = add_s3_root(document, "LocationConstraint");
  if (region != kDefaultRegion)
    root.text().set(region.c_str());
  return s3_xml_response(document);
}

}  // namespace spawn::localcloud
