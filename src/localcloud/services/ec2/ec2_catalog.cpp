// DescribeRegions and DescribeAvailabilityZones from the region catalog, and
// the zone ids ("use1-az1") that subnets and zones report.
#include "localcloud/services/ec2/ec2_catalog.hpp"

#include "localcloud/catalog/regions.hpp"
#include "localcloud/services/ec2/ec2_describe.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {
namespace {

// How zone ids shorten a region's direction word ("northeast" → "ne").
constexpr std::pair<std::string_view, std::string_view> kDirections[] = {
    {"north", "n"},      {"south", "s"},      {"east", "e"},
    {"west", "w"},       {"central", "c"},    {"northeast", "ne"},
    {"northwest", "nw"}, {"southeast", "se"}, {"southwest", "sw"},
};

const FilterTable kRegionFilters{
    {"region-name", member("/RegionName")},
    {"endpoint", member("/Endpoint")},
    {"opt-in-status", member("/OptInStatus")},
};

const FilterTable kZoneFilters{
    {"zone-name", member("/ZoneName")},
    {"zone-id", member("/ZoneId")},
    {"state", member("/State")},
    {"region-name", member("/RegionName")},
    {"zone-type", member("/ZoneType")},
    {"group-name", member("/GroupName")},
    {"network-border-group", member("/NetworkBorderGroup")},
    {"opt-in-status", member("/OptInStatus")},
};

// "use1" for "us-east-1".
std::string region_short_name(std::string_view region) {
  std::vector<std::string> parts = split(region, '-');
  if (parts.size() != 3)
    return std::string(region);
  for (const auto& [word, letters] : kDirections) {
    if (parts[1] == word)
      return parts[0] + std::string(letters) + parts[2];
  }
  return parts[0] + parts[1] + parts[2];
}

ResourceMap region_documents() {
  ResourceMap documents;
  for (const RegionInfo& region : regions()) {
    std::string name(region.name);
    documents.emplace(name, Json{{"RegionName", name},
                                 {"Endpoint", "ec2." + name + ".amazonaws.com"},
                                 {"OptInStatus", region.opt_in_status}});
  }
  return documents;
}

ResourceMap zone_documents(std::string_view region_name) {
  ResourceMap documents;
  const RegionInfo* region = find_region(region_name);
  if (region == nullptr)
    return documents;
  for (const std::string& zone : availability_zones(*region)) {
    documents.emplace(zone, Json{{"ZoneName", zone},
                                 {"ZoneId", availability_zone_id(zone)},
                                 {"State", "available"},
                                 {"OptInStatus", "opt-in-not-required"},
                                 {"Messages", Json::array()},
                                 {"RegionName", region_name},
                                 {"GroupName", region_name},
                                 {"NetworkBorderGroup", region_name},
                                 {"ZoneType", "availability-zone"}});
  }
  return documents;
}

ApiOutcome describe_regions_call(const Ec2Context&, const ApiRequest& request) {
  DescribeSpec spec{"RegionName", kRegionFilters,
                    [](const std::string& name) {
                      return client_error("InvalidParameterValue", "Invalid region names: " + name);
                    },
                    0, 0};
  auto query = parse_describe(request.params, spec);
  if (!query)
    return std::unexpected(query.error());
  auto selection = select_documents(region_documents(), *query, spec);
  if (!selection)
    return std::unexpected(selection.error());
  return describe_answer(request, "regionInfo", *selection,
                         [](pugi::xml_node item, const Json& region) {
                           add_members(item, region, {"RegionName", "Endpoint", "OptInStatus"},
                                       {{"/Endpoint", "regionEndpoint"}});
                         });
}

ApiOutcome describe_zones_call(const Ec2Context&, const ApiRequest& request) {
  DescribeSpec spec{"ZoneName", kZoneFilters,
                    [&](const std::string& zone) {
                      return client_error(
                          "InvalidParameterValue",
                          "The zone '" + zone + "' does not exist in the current region.");
                    },
                    0, 0};
  auto query = parse_describe(request.params, spec);
  if (!query)
    return std::unexpected(query.error());
  for (const std::string& zone_id : request.params.list("ZoneId")) {
    std::string zone = zone_name_of_id(request.region, zone_id);
    query->ids.push_back(zone.empty() ? zone_id : zone);
  }
  auto selection = select_documents(zone_documents(request.region), *query, spec);
  if (!selection)
    return std::unexpected(selection.error());
  return describe_answer(
      request, "availabilityZoneInfo", *selection, [](pugi::xml_node item, const Json& zone) {
        add_members(item, zone,
                    {"ZoneName", "ZoneId", "State", "OptInStatus", "Messages", "RegionName",
                     "GroupName", "NetworkBorderGroup", "ZoneType"},
                    {{"/State", "zoneState"}, {"/Messages", "messageSet"}});
      });
}

}  // namespace

std::string availability_zone_id(std::string_view zone_name) {
  for (const RegionInfo& region : regions()) {
    if (zone_name.size() != region.name.size() + 1 || !zone_name.starts_with(region.name))
      continue;
    std::size_t position = region.zone_ids.find(zone_name.back());
    if (position != std::string_view::npos)
      return region_short_name(region.name) + "-az" + std::to_string(position + 1);
  }
  return "";
}

std::string zone_name_of_id(std::string_view region_name, std::string_view zone_id) {
  const RegionInfo* region = find_region(region_name);
  if (region == nullptr)
    return "";
  for (const std::string& zone : availability_zones(*region)) {
    if (availability_zone_id(zone) == zone_id)
      return zone;
  }
  return "";
}

void add_catalog_operations(OperationTable& table, const Ec2Context& context) {
  add_region_operations(table, context);
  add_instance_type_operations(table, context);
  add_spot_price_operations(table, context);
}

void add_region_operations(OperationTable& table, const Ec2Context& context) {
  table["DescribeRegions"] = with_context(context, describe_regions_call);
  table["DescribeAvailabilityZones"] = with_context(context, describe_zones_call);
}

}  // namespace spawn::localcloud
