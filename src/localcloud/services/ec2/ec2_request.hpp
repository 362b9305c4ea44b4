// Reading EC2 requests: required parameters, DryRun, MaxResults/NextToken
// paging and TagSpecifications, each answering EC2's own error when the client
// got it wrong.
#pragma once

#include <cstddef>
#include <expected>
#include <initializer_list>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/api/api.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

using Ec2Tags = std::map<std::string, std::string>;

// The parameter's value, or MissingParameter ("The request must contain the parameter X").
std::expected<std::string, ApiError> required(const FormParams& params, std::string_view name);

// With DryRun=true, the answer EC2 gives once a request has passed validation:
// 412 DryRunOperation. Call it after validating and before changing anything.
std::optional<ApiError> dry_run_answer(const FormParams& params);

struct Ec2PageRequest {
  std::optional<std::size_t> max_results;
  std::string next_token;
};
// What an operation does with a MaxResults above its maximum: most refuse it, a few
// (DescribeVolumes) serve their maximum, as their documentation says.
enum class AboveMax { refused, capped };
// Reads MaxResults (at least min; at most max, unless `above` caps it) and NextToken.
std::expected<Ec2PageRequest, ApiError> parse_page_request(const FormParams& params,
                                                           std::size_t min, std::size_t max,
                                                           AboveMax above = AboveMax::refused);

struct Ec2Page {
  std::vector<std::string> ids;  // the ids on this page, in order
  std::string next_token;        // "" on the last page
};
// The page of `sorted_ids` the request asks for. Tokens name the last id served, so a
// resource deleted between pages does not shift the next page. A token that is not
// one of ours is InvalidParameterValue.
std::expected<Ec2Page, ApiError> page_of(const std::vector<std::string>& sorted_ids,
                                         const Ec2PageRequest& request);

// The tags TagSpecification.N gives `resource_type` ("instance", "volume", "vpc", ...).
// Resource types outside `allowed` and invalid tags (empty or "aws:" keys, keys over 128 or
// values over 256 characters) are InvalidParameterValue.
std::expected<Ec2Tags, ApiError> tags_for(const FormParams& params, std::string_view resource_type,
                                          std::initializer_list<std::string_view> allowed);
// Checks one tag as EC2 does (see tags_for).
std::optional<ApiError> invalid_tag(std::string_view key, std::string_view value);

// The "Tags" object stored in documents.
Json tags_to_json(const Ec2Tags& tags);
// <tagSet><item><key/><value/></item>...</tagSet> from the document's "Tags" (omitted when none).
void add_tag_set(pugi::xml_node parent, const Json& document);

}  // namespace spawn::localcloud
