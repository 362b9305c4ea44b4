// Describe* calls over documents: the ids the request names (every one must
// exist), its filters, its page, and the answer with the chosen documents as
// <item>s of the result set followed by <nextToken>. Documents come from the
// store (VPCs, groups, ...) or from a catalog turned into documents (regions,
// instance types, ...); either way they are ordered by id, which is what page
// tokens rely on.
#pragma once

#include <cstddef>
#include <expected>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/http.hpp"
#include "localcloud/api/api.hpp"
#include "localcloud/services/ec2/ec2_filters.hpp"
#include "localcloud/services/ec2/ec2_request.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

// What a Describe call asks for, read from its parameters.
struct DescribeQuery {
  std::vector<std::string> ids;
  std::vector<Ec2Filter> filters;
  Ec2PageRequest page;
};

// How one Describe operation reads its request.
struct DescribeSpec {
  std::string_view id_parameter;  // "VpcId" for VpcId.N; "" when the call takes no ids
  const FilterTable& filters;
  std::function<ApiError(const std::string& id)> missing;  // the NotFound answer for an id
  std::size_t min_results = 5;                             // MaxResults bounds; max 0: no paging
  std::size_t max_results = 1000;
  AboveMax above_max = AboveMax::refused;
};

// Reads ids, filters and paging; DryRun=true answers DryRunOperation once they are valid.
std::expected<DescribeQuery, ApiError> parse_describe(const FormParams& params,
                                                      const DescribeSpec& spec);

struct DescribeSelection {
  std::vector<Json> documents;
  std::string next_token;
};

// The documents of `candidates` the query names and its filters match, one page of them.
std::expected<DescribeSelection, ApiError> select_documents(const ResourceMap& candidates,
                                                            const DescribeQuery& query,
                                                            const DescribeSpec& spec);

// parse_describe + select_documents over the stored documents of (request.region, kind).
std::expected<DescribeSelection, ApiError> describe_stored(const ApiRequest& request,
                                                           const ResourceStore& store,
                                                           std::string_view kind,
                                                           const DescribeSpec& spec);

// The answer: each document rendered by `render` into an <item> of <set_name>, then
// <nextToken> when there are more pages.
aws::HttpResponse describe_answer(const ApiRequest& request, std::string_view set_name,
                                  const DescribeSelection& selection,
                                  const std::function<void(pugi::xml_node, const Json&)>& render);

}  // namespace spawn::localcloud
