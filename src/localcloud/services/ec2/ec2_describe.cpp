#include "localcloud/services/ec2/ec2_describe.hpp"

#include <algorithm>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {

std::expected<DescribeQuery, ApiError> parse_describe(const FormParams& params,
                                                      const DescribeSpec& spec) {
  DescribeQuery query;
  if (!spec.id_parameter.empty())
    query.ids = params.list(spec.id_parameter);
  auto filters = parse_filters(params, spec.filters);
  if (!filters)
    return std::unexpected(filters.error());
  query.filters = std::move(*filters);
  if (spec.max_results > 0) {
    auto page = parse_page_request(params, spec.min_results, spec.max_results, spec.above_max);
    if (!page)
      return std::unexpected(page.error());
    query.page = std::move(*page);
  }
  if (auto dry_run = dry_run_answer(params))
    return std::unexpected(*dry_run);
  return query;
}

std::expected<DescribeSelection, ApiError> select_documents(const ResourceMap& candidates,
                                                            const DescribeQuery& query,
                                                            const DescribeSpec& spec) {
  for (const std::string& id : query.ids) {
    if (!candidates.contains(id))
      return std::unexpected(spec.missing(id));
  }
  std::vector<std::string> matching;
  for (const auto& [id, document] : candidates) {
    bool named =
        query.ids.empty() || std::find(query.ids.begin(), query.ids.end(), id) != query.ids.end();
    if (named && matches(document, query.filters, spec.filters))
      matching.push_back(id);
  }
  auto page = page_of(matching, query.page);
  if (!page)
    return std::unexpected(page.error());
  DescribeSelection selection{{}, std::move(page->next_token)};
  for (const std::string& id : page->ids)
    selection.documents.push_back(candidates.find(id)->second);
  return selection;
}

std::expected<DescribeSelection, ApiError> describe_stored(const ApiRequest& request,
                                                           const ResourceStore& store,
                                                           std::string_view kind,
                                                           const DescribeSpec& spec) {
  auto query = parse_describe(request.params, spec);
  if (!query)
    return std::unexpected(query.error());
  std::expected<DescribeSelection, ApiError> selection;
  store.read(request.region, kind, [&](const ResourceMap& documents) {
    selection = select_documents(documents, *query, spec);
  });
  return selection;
}

aws::HttpResponse describe_answer(const ApiRequest& request, std::string_view set_name,
                                  const DescribeSelection& selection,
                                  const std::function<void(pugi::xml_node, const Json&)>& render) {
  Ec2Response response(request.operation, request.request_id);
  pugi::xml_node set = add_node(response.root(), set_name);
  for (const Json& document : selection.documents)
    render(add_node(set, "item"), document);
  if (!selection.next_token.empty())
    add_text(response.root(), "nextToken", selection.next_token);
  return response.finish();
}

}  // namespace spawn::localcloud
