#include "localcloud/services/ec2/ec2_instance_lookup.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "localcloud/services/ec2/ec2_request.hpp"

namespace spawn::localcloud {
namespace {

// "i-" and 8 or 17 lower-case hex digits.
bool is_instance_id(std::string_view id) {
  if (!id.starts_with("i-"))
    return false;
  std::string_view digits = id.substr(2);
  return (digits.size() == 8 || digits.size() == 17) &&
         std::all_of(digits.begin(), digits.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f');
         });
}

std::optional<ApiError> malformed(const std::string& id) {
  if (is_instance_id(id))
    return std::nullopt;
  return client_error("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\"");
}

}  // namespace

std::expected<std::vector<std::string>, ApiError> instance_ids_of(const FormParams& params,
                                                                  Need need) {
  std::vector<std::string> ids = params.list("InstanceId");
  if (ids.empty() && need == Need::required) {
    return std::unexpected(
        client_error("MissingParameter", "The request must contain the parameter InstanceId"));
  }
  for (const std::string& id : ids) {
    if (auto error = malformed(id))
      return std::unexpected(*error);
  }
  return ids;
}

std::expected<std::string, ApiError> single_instance_id(const FormParams& params) {
  auto id = required(params, "InstanceId");
  if (!id)
    return id;
  if (auto error = malformed(*id))
    return std::unexpected(*error);
  return id;
}

std::expected<std::vector<Json*>, ApiError> find_instances(Transaction& transaction,
                                                           std::string_view region,
                                                           const std::vector<std::string>& ids) {
  std::vector<Json*> found;
  std::vector<std::string> missing;
  for (const std::string& id : ids) {
    Json* instance = transaction.find(region, kInstanceKind, id);
    if (instance == nullptr) {
      missing.push_back(id);
    } else {
      found.push_back(instance);
    }
  }
  if (!missing.empty())
    return std::unexpected(instances_not_found(missing));
  return found;
}

std::expected<std::vector<std::string>, ApiError> select_instances(
    const ResourceMap& instances, const std::vector<std::string>& ids,
    const std::vector<Ec2Filter>& filters, const FilterTable& table,
    const std::function<bool(const Json&)>& keep) {
  std::vector<std::string> missing;
  for (const std::string& id : ids) {
    if (!instances.contains(id))
      missing.push_back(id);
  }
  if (!missing.empty())
    return std::unexpected(instances_not_found(missing));
  std::set<std::string, std::less<>> named(ids.begin(), ids.end());
  std::vector<std::string> selected;
  for (const auto& [id, instance] : instances) {
    if ((named.empty() || named.contains(id)) && matches(instance, filters, table) &&
        (!keep || keep(instance)))
      selected.push_back(id);
  }
  return selected;
}

std::optional<ApiError> read_instance_page(
    const ResourceStore& store, std::string_view region, const InstanceQuery& query,
    const std::function<void(const ResourceMap& instances, const Ec2Page& page)>& render) {
  std::optional<ApiError> failure;
  store.read(region, kInstanceKind, [&](const ResourceMap& instances) {
    auto selected = select_instances(instances, query.ids, query.filters, query.table, query.keep);
    if (!selected) {
      failure = selected.error();
      return;
    }
    auto page = page_of(*selected, query.page);
    if (!page) {
      failure = page.error();
      return;
    }
    render(instances, *page);
  });
  return failure;
}

std::optional<ApiError> ids_with_max_results(const FormParams& params,
                                             const std::vector<std::string>& ids) {
  if (ids.empty() || !params.has("MaxResults"))
    return std::nullopt;
  return client_error("InvalidParameterCombination",
                      "The parameter instancesSet cannot be used with the parameter maxResults");
}

}  // namespace spawn::localcloud
