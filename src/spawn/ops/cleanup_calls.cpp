#include "spawn/ops/cleanup_calls.hpp"

#include "aws/pagination.hpp"
#include "aws/query_protocol.hpp"
#include "aws/rest_protocol.hpp"
#include "aws/s3_address.hpp"
#include "aws/xml.hpp"

namespace spawn::ops {

namespace {

// One Marker-paginated IAM list: the `name_field` of each member of the list `list_path`.
Result<aws::Page<std::string>> list_iam_page(aws::AwsClient& client, std::string_view action,
                                             std::string_view list_path,
                                             std::string_view name_field,
                                             const aws::PageRequest& page) {
  aws::QueryParams params;
  params.add_if("Marker", page.next_token);
  auto answer = aws::call_query(client, aws::services::iam, action, params);
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  aws::Page<std::string> names;
  for (pugi::xml_node member : aws::xml::list(answer->result(), list_path))
    names.items.push_back(aws::xml::text(member, name_field));
  if (aws::xml::boolean(answer->result(), "IsTruncated").value_or(false))
    names.next_token = aws::xml::text(answer->result(), "Marker");
  return names;
}

Result<std::vector<std::string>> list_iam_names(aws::AwsClient& client, std::string_view action,
                                                std::string_view list_path,
                                                std::string_view name_field) {
  struct Request {
    aws::PageRequest page;
  };
  return aws::collect_all_pages(Request{}, [&](const Request& request) {
    return list_iam_page(client, action, list_path, name_field, request.page);
  });
}

// Sends a bucket-level S3 request (`subresource` such as "tagging", or "").
Result<aws::HttpResponse> send_to_bucket(aws::AwsClient& client, std::string_view operation,
                                         const std::string& bucket, std::string method,
                                         std::string_view subresource) {
  auto url = aws::s3_url(client.endpoints(), client.region(), bucket, "");
  if (!url)
    return std::unexpected(std::move(url.error()));
  aws::RestRequest rest;
  rest.method = std::move(method);
  rest.path = url->path;
  aws::HttpRequest http = aws::build_rest_request(std::move(rest));
  http.url.query = std::string(subresource);
  http.url.scheme = url->scheme;
  http.url.host = url->host;
  http.url.port = url->port;
  return client.send(aws::services::s3, operation, http);
}

bool has_code(const Error& error, std::string_view code) {
  return error.aws && error.aws->code == code;
}

}  // namespace

Result<std::vector<std::string>> list_role_names(aws::AwsClient& client) {
  return list_iam_names(client, "ListRoles", "Roles", "RoleName");
}

Result<std::vector<std::string>> list_instance_profile_names(aws::AwsClient& client) {
  return list_iam_names(client, "ListInstanceProfiles", "InstanceProfiles", "InstanceProfileName");
}

Result<std::vector<aws::Tag>> bucket_tags(aws::AwsClient& client, const std::string& bucket) {
  auto answer = send_to_bucket(client, "GetBucketTagging", bucket, "GET", "tagging");
  if (!answer && has_code(answer.error(), "NoSuchTagSet"))
    return std::vector<aws::Tag>{};
  if (!answer && has_code(answer.error(), "NoSuchBucket"))
    answer.error().kind = ErrorKind::not_found;
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  auto document = aws::xml::parse(answer->body, "s3 GetBucketTagging");
  if (!document)
    return std::unexpected(std::move(document.error()));
  std::vector<aws::Tag> tags;
  pugi::xml_node tag_set = aws::xml::child((*document)->document_element(), "TagSet");
  for (pugi::xml_node tag : aws::xml::children(tag_set, "Tag"))
    tags.push_back({aws::xml::text(tag, "Key"), aws::xml::text(tag, "Value")});
  return tags;
}

Result<void> delete_bucket(aws::AwsClient& client, const std::string& bucket) {
  auto answer = send_to_bucket(client, "DeleteBucket", bucket, "DELETE", "");
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  return {};
}

}  // namespace spawn::ops
