// Finding the instances a request names (InstanceId.N): EC2 refuses ids that
// cannot be instance ids (InvalidInstanceID.Malformed) and names every missing
// one in a single InvalidInstanceID.NotFound.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "localcloud/api/api.hpp"
#include "localcloud/services/ec2/ec2_filters.hpp"
#include "localcloud/services/ec2/ec2_instance_document.hpp"
#include "localcloud/services/ec2/ec2_request.hpp"

namespace spawn::localcloud {

enum class Need { required, optional };

// InstanceId.N, each shaped like an instance id; MissingParameter when required and absent.
std::expected<std::vector<std::string>, ApiError> instance_ids_of(const FormParams& params,
                                                                  Need need);

// The one InstanceId of operations about a single instance (GetConsoleOutput, ...).
std::expected<std::string, ApiError> single_instance_id(const FormParams& params);

// The documents of `ids` in `region`, in request order.
std::expected<std::vector<Json*>, ApiError> find_instances(Transaction& transaction,
                                                           std::string_view region,
                                                           const std::vector<std::string>& ids);

// The ids (sorted) of the instances among `instances` named by `ids` (all when empty) that
// match `filters` and `keep`; NotFound when a named one is absent.
std::expected<std::vector<std::string>, ApiError> select_instances(
    const ResourceMap& instances, const std::vector<std::string>& ids,
    const std::vector<Ec2Filter>& filters, const FilterTable& table,
    const std::function<bool(const Json&)>& keep = nullptr);

struct InstanceQuery {
  std::vector<std::string> ids;  // all instances when empty
  std::vector<Ec2Filter> filters;
  const FilterTable& table;
  std::function<bool(const Json&)> keep = nullptr;  // further selection, if any
  Ec2PageRequest page;
};
// Calls `render` under the store's read lock with the region's instances and the page of
// selected ids the query asks for; the query's error otherwise.
std::optional<ApiError> read_instance_page(
    const ResourceStore& store, std::string_view region, const InstanceQuery& query,
    const std::function<void(const ResourceMap& instances, const Ec2Page& page)>& render);

// InvalidParameterCombination: EC2 pages only when no ids are named.
std::optional<ApiError> ids_with_max_results(const FormParams& params,
                                             const std::vector<std::string>& ids);

}  // namespace spawn::localcloud
