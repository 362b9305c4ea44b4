// Tags across resources, and the look-ups that describe the account's world:
// regions, zones, instance type facts and spot prices.
#include <fmt/format.h>

#include "aws/ec2.hpp"
#include "aws/ec2_params.hpp"
#include "aws/ec2_parse.hpp"
#include "aws/pagination.hpp"

namespace spawn::aws {

namespace {

// Tag.N.Key only: DeleteTags then removes the tag whatever its value.
void add_tag_keys(QueryParams& params, const std::vector<std::string>& keys) {
  for (std::size_t i = 0; i < keys.size(); ++i)
    params.add(fmt::format("Tag.{}.Key", i + 1), keys[i]);
}

Result<Page<SpotPrice>> parse_spot_price_page(pugi::xml_node result) {
  Page<SpotPrice> page{{}, xml::text(result, "nextToken")};
  for (pugi::xml_node item : xml::list(result, "spotPriceHistorySet")) {
    auto price = parse_spot_price(item);
    if (!price)
      return std::unexpected(std::move(price.error()));
    page.items.push_back(std::move(*price));
  }
  return page;
}

}  // namespace

Result<void> Ec2Client::create_tags(const std::vector<std::string>& resource_ids,
                                    const std::vector<Tag>& tags, DryRun dry_run) {
  QueryParams params;
  add_dry_run(params, dry_run);
  add_list(params, "ResourceId", resource_ids);
  add_tags(params, "Tag", tags);
  return call_for_success("CreateTags", params);
}

Result<void> Ec2Client::delete_tags(const std::vector<std::string>& resource_ids,
                                    const std::vector<std::string>& keys, DryRun dry_run) {
  QueryParams params;
  add_dry_run(params, dry_run);
  add_list(params, "ResourceId", resource_ids);
  add_tag_keys(params, keys);
  return call_for_success("DeleteTags", params);
}

Result<Page<TagDescription>> Ec2Client::describe_tags(const DescribeRequest& request) {
  QueryParams params;
  add_filters(params, request.filters);
  add_page(params, request.page);
  return parse_answer(call("DescribeTags", params), page_of("tagSet", parse_tag_description));
}

Result<std::vector<TagDescription>> Ec2Client::describe_tags_all(const DescribeRequest& request) {
  return collect_all_pages(request, [this](const auto& next) { return describe_tags(next); });
}

Result<std::vector<Region>> Ec2Client::describe_regions(RegionScope scope) {
  QueryParams params;
  if (scope == RegionScope::all)
    add_bool(params, "AllRegions", true);
  return parse_answer(call("DescribeRegions", params), items_of("regionInfo", parse_region));
}

Result<std::vector<AvailabilityZone>> Ec2Client::describe_availability_zones(
    const std::vector<Filter>& filters) {
  QueryParams params;
  add_filters(params, filters);
  return parse_answer(call("DescribeAvailabilityZones", params),
                      items_of("availabilityZoneInfo", parse_availability_zone));
}

Result<Page<InstanceTypeInfo>> Ec2Client::describe_instance_types(const DescribeRequest& request) {
  QueryParams params;
  add_describe(params, "InstanceType", request);
  return parse_answer(call("DescribeInstanceTypes", params),
                      page_of("instanceTypeSet", parse_instance_type_info));
}

Result<std::vector<InstanceTypeInfo>> Ec2Client::describe_instance_types_all(
    const DescribeRequest& request) {
  return collect_all_pages(request,
                           [this](const auto& next) { return describe_instance_types(next); });
}

Result<Page<SpotPrice>> Ec2Client::describe_spot_price_history(
    const DescribeSpotPriceHistoryRequest& request) {
  QueryParams params;
  add_filters(params, request.filters);
  params.add_if("AvailabilityZone", request.availability_zone);
  add_list(params, "InstanceType", request.instance_types);
  add_page(params, request.page);
  add_list(params, "ProductDescription", request.product_descriptions);
  add_optional(params, "StartTime", request.start_time);
  auto page = parse_answer(call("DescribeSpotPriceHistory", params), parse_spot_price_page);
  if (!page)
    return std::unexpected(std::move(page.error()));
  return std::move(*page);
}

Result<std::vector<SpotPrice>> Ec2Client::describe_spot_price_history_all(
    const DescribeSpotPriceHistoryRequest& request) {
  return collect_all_pages(request,
                           [this](const auto& next) { return describe_spot_price_history(next); });
}

}  // namespace spawn::aws
