#include "aws/ec2_params.hpp"

#include <fmt/format.h>

#include "util/time_format.hpp"

namespace spawn::aws {

void add_list(QueryParams& params, std::string_view name, const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i)
    params.add(fmt::format("{}.{}", name, i + 1), values[i]);
}

void add_filters(QueryParams& params, const std::vector<Filter>& filters) {
  for (std::size_t i = 0; i < filters.size(); ++i) {
    const auto prefix = fmt::format("Filter.{}", i + 1);
    params.add(prefix + ".Name", filters[i].name);
    add_list(params, prefix + ".Value", filters[i].values);
  }
}

void add_tags(QueryParams& params, std::string_view name, const std::vector<Tag>& tags) {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const auto prefix = fmt::format("{}.{}", name, i + 1);
    params.add(prefix + ".Key", tags[i].key);
    params.add(prefix + ".Value", tags[i].value);
  }
}

void add_tag_specifications(QueryParams& params, const std::vector<TagSpecification>& specs) {
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto prefix = fmt::format("TagSpecification.{}", i + 1);
    params.add(prefix + ".ResourceType", specs[i].resource_type);
    add_tags(params, prefix + ".Tag", specs[i].tags);
  }
}

void add_ip_permissions(QueryParams& params, const std::vector<IpPermission>& permissions) {
  for (std::size_t i = 0; i < permissions.size(); ++i) {
    const auto& permission = permissions[i];
    const auto prefix = fmt::format("IpPermissions.{}", i + 1);
    params.add(prefix + ".IpProtocol", permission.ip_protocol);
    add_optional(params, prefix + ".FromPort", permission.from_port);
    add_optional(params, prefix + ".ToPort", permission.to_port);
    for (std::size_t j = 0; j < permission.ip_ranges.size(); ++j) {
      const auto range_prefix = fmt::format("{}.IpRanges.{}", prefix, j + 1);
      params.add(range_prefix + ".CidrIp", permission.ip_ranges[j].cidr_ip);
      params.add_if(range_prefix + ".Description", permission.ip_ranges[j].description);
    }
  }
}

void add_describe(QueryParams& params, std::string_view id_name, const DescribeRequest& request) {
  add_list(params, id_name, request.ids);
  add_filters(params, request.filters);
  add_page(params, request.page);
}

QueryParams resource_params(std::string key, const std::string& id, DryRun dry_run) {
  QueryParams params;
  params.add(std::move(key), id);
  add_dry_run(params, dry_run);
  return params;
}

void add_page(QueryParams& params, const PageRequest& page) {
  if (page.max_results > 0)
    params.add("MaxResults", std::to_string(page.max_results));
  params.add_if("NextToken", page.next_token);
}

void add_dry_run(QueryParams& params, DryRun dry_run) {
  if (dry_run == DryRun::yes)
    add_bool(params, "DryRun", true);
}

void add_bool(QueryParams& params, std::string key, bool value) {
  params.add(std::move(key), value ? "true" : "false");
}

void add_optional(QueryParams& params, std::string key, const std::optional<bool>& value) {
  if (value)
    add_bool(params, std::move(key), *value);
}

void add_optional(QueryParams& params, std::string key, const std::optional<int>& value) {
  if (value)
    params.add(std::move(key), std::to_string(*value));
}

void add_optional(QueryParams& params, std::string key, const std::optional<SystemTime>& value) {
  if (value)
    params.add(std::move(key), format_iso8601(*value));
}

}  // namespace spawn::aws
