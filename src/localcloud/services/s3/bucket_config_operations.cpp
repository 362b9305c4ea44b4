#include "localcloud/services/s3/bucket_config_operations.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "aws/xml.hpp"
#include "localcloud/api/responses.hpp"
#include "localcloud/services/s3/s3_errors.hpp"
#include "localcloud/services/s3/s3_payload.hpp"
#include "localcloud/services/s3/s3_records.hpp"
#include "localcloud/services/s3/s3_tags.hpp"
#include "localcloud/services/s3/s3_xml.hpp"
#include "localcloud/services/s3/utf8.hpp"

namespace spawn::localcloud {

namespace {

constexpr int kNotFound = 404;
constexpr int kNoContent = 204;
constexpr std::string_view kTagSet = "TagSet";
constexpr std::string_view kEncryption = "ServerSideEncryptionConfiguration";
constexpr std::string_view kPublicAccessBlock = "PublicAccessBlockConfiguration";
constexpr std::array<std::string_view, 4> kPublicAccessBlocks = {
    "BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"};
constexpr std::array<std::string_view, 3> kSseAlgorithms = {"AES256", "aws:kms", "aws:kms:dsse"};

// Sets `member` of the bucket's document to `value`, or removes it when nullopt.
std::expected<void, ApiError> set_member(const S3Call& call, std::string_view member,
                                         std::optional<Json> value) {
  return call.context.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
    auto bucket = find_bucket(transaction, call.route.bucket);
    if (!bucket)
      return std::unexpected(bucket.error());
    if (value)
      (**bucket)[member] = std::move(*value);
    else
      (*bucket)->erase(member);
    return {};
  });
}

// Stores the document `parse` reads from the (Content-MD5 checked) body as `member`.
template <class Parse>
ApiOutcome put_member(const S3Call& call, std::string_view member, int status, Parse parse) {
  if (auto intact = check_content_md5(call.request.http); !intact)
    return std::unexpected(intact.error());
  auto value = parse(call.request.http.body);
  if (!value)
    return std::unexpected(value.error());
  if (auto stored = set_member(call, member, std::move(*value)); !stored)
    return std::unexpected(stored.error());
  return empty_response(status);
}

ApiOutcome delete_member(const S3Call& call, std::string_view member) {
  if (auto erased = set_member(call, member, std::nullopt); !erased)
    return std::unexpected(erased.error());
  return empty_response(kNoContent);
}

// The bucket's `member`, or nullopt when the bucket has none.
std::expected<std::optional<Json>, ApiError> member_of(const S3Call& call,
                                                       std::string_view member) {
  auto bucket = bucket_record(call.context.store, call.route.bucket);
  if (!bucket)
    return std::unexpected(bucket.error());
  auto it = bucket->find(member);
  if (it == bucket->end())
    return std::nullopt;
  return *it;
}

Json default_encryption() {
  return Json{{"Rules", Json::array({Json{
                            {"ApplyServerSideEncryptionByDefault", {{"SSEAlgorithm", "AES256"}}},
                            {"BucketKeyEnabled", false}}})}};
}

// One <Rule>: its default algorithm (one S3 knows) and KMS key, and BucketKeyEnabled.
std::expected<Json, ApiError> read_rule(pugi::xml_node rule) {
  pugi::xml_node by_default_node = aws::xml::child(rule, "ApplyServerSideEncryptionByDefault");
  std::string algorithm = aws::xml::text(by_default_node, "SSEAlgorithm");
  if (std::find(kSseAlgorithms.begin(), kSseAlgorithms.end(), algorithm) == kSseAlgorithms.end())
    return std::unexpected(s3_errors::malformed_xml());
  Json by_default{{"SSEAlgorithm", algorithm}};
  if (auto key = aws::xml::optional_text(by_default_node, "KMSMasterKeyID")) {
    if (!is_valid_utf8(*key))
      return std::unexpected(s3_errors::malformed_xml());
    by_default["KMSMasterKeyID"] = *key;
  }
  return Json{{"ApplyServerSideEncryptionByDefault", std::move(by_default)},
              {"BucketKeyEnabled", aws::xml::boolean(rule, "BucketKeyEnabled").value_or(false)}};
}

std::expected<Json, ApiError> parse_encryption(std::string_view body) {
  auto document = parse_s3_body(body, kEncryption);
  if (!document)
    return std::unexpected(document.error());
  Json rules = Json::array();
  for (pugi::xml_node rule : aws::xml::children((*document)->document_element(), "Rule")) {
    auto read = read_rule(rule);
    if (!read)
      return std::unexpected(read.error());
    rules.push_back(std::move(*read));
  }
  if (rules.empty())
    return std::unexpected(s3_errors::malformed_xml());
  return Json{{"Rules", std::move(rules)}};
}

aws::HttpResponse encryption_response(const Json& configuration) {
  pugi::xml_document document;
  pugi::xml_node root = add_s3_root(document, kEncryption);
  for (const Json& rule : configuration["Rules"]) {
    pugi::xml_node node = add_node(root, "Rule");
    pugi::xml_node by_default = add_node(node, "ApplyServerSideEncryptionByDefault");
    for (const auto& [name, value] : rule["ApplyServerSideEncryptionByDefault"].items())
      add_text(by_default, name, value.get<std::string>());
    add_bool(node, "BucketKeyEnabled", rule.value("BucketKeyEnabled", false));
  }
  return s3_xml_response(document);
}

std::expected<Json, ApiError> parse_public_access_block(std::string_view body) {
  auto document = parse_s3_body(body, kPublicAccessBlock);
  if (!document)
    return std::unexpected(document.error());
  Json configuration = Json::object();
  for (std::string_view block : kPublicAccessBlocks) {
    configuration[block] =
        aws::xml::boolean((*document)->document_element(), block).value_or(false);
  }
  return configuration;
}

aws::HttpResponse public_access_block_response(const Json& configuration) {
  pugi::xml_document document;
  pugi::xml_node root = add_s3_root(document, kPublicAccessBlock);
  for (std::string_view block : kPublicAccessBlocks)
    add_bool(root, block, configuration.value(block, false));
  return s3_xml_response(document);
}

}  // namespace

ApiOutcome put_bucket_tagging(const S3Call& call) {
  return put_member(call, kTagSet, kNoContent, [](std::string_view body) {
    return parse_tagging_document(body, kMaxBucketTags);
  });
}

ApiOutcome get_bucket_tagging(const S3Call& call) {
  auto tags = member_of(call, kTagSet);
  if (!tags)
    return std::unexpected(tags.error());
  if (!*tags)
    return std::unexpected(ApiError{kNotFound, "NoSuchTagSet", "The TagSet does not exist"});
  return tagging_response(**tags);
}

ApiOutcome delete_bucket_tagging(const S3Call& call) {
  return delete_member(call, kTagSet);
}

ApiOutcome put_bucket_encryption(const S3Call& call) {
  return put_member(call, kEncryption, 200, parse_encryption);
}

ApiOutcome get_bucket_encryption(const S3Call& call) {
  auto configuration = member_of(call, kEncryption);
  if (!configuration)
    return std::unexpected(configuration.error());
  return encryption_response(configuration->value_or(default_encryption()));
}

ApiOutcome delete_bucket_encryption(const S3Call& call) {
  return delete_member(call, kEncryption);
}

ApiOutcome put_public_access_block(const S3Call& call) {
  return put_member(call, kPublicAccessBlock, 200, parse_public_access_block);
}

ApiOutcome get_public_access_block(const S3Call& call) {
  auto configuration = member_of(call, kPublicAccessBlock);
  if (!configuration)
    return std::unexpected(configuration.error());
  if (!*configuration) {
    return std::unexpected(ApiError{kNotFound, "NoSuchPublicAccessBlockConfiguration",
                                    "The public access block configuration was not found"});
  }
  return public_access_block_response(**configuration);
}

ApiOutcome delete_public_access_block(const S3Call& call) {
  return delete_member(call, kPublicAccessBlock);
}

}  // namespace spawn::localcloud
