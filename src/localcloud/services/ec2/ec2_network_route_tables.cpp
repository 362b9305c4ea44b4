// Route tables: create (with the VPC's local route), delete (not the main one,
// nor one still associated with subnets) and describe.
#include <algorithm>

#include "localcloud/api/responses.hpp"
#include "localcloud/ids.hpp"
#include "localcloud/services/ec2/ec2_describe.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "localcloud/services/ec2/ec2_network.hpp"
#include "localcloud/services/ec2/ec2_network_defaults.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::size_t kMaxRouteTablesPerPage = 100;

const FilterTable kRouteTableFilters{
    {"route-table-id", member("/RouteTableId")},
    {"vpc-id", member("/VpcId")},
    {"owner-id", member("/OwnerId")},
    {"association.route-table-association-id",
     members_of("/Associations", "/RouteTableAssociationId")},
    {"association.route-table-id", members_of("/Associations", "/RouteTableId")},
    {"association.subnet-id", members_of("/Associations", "/SubnetId")},
    {"association.main", members_of("/Associations", "/Main")},
    {"route.destination-cidr-block", members_of("/Routes", "/DestinationCidrBlock")},
    {"route.gateway-id", members_of("/Routes", "/GatewayId")},
    {"route.origin", members_of("/Routes", "/Origin")},
    {"route.state", members_of("/Routes", "/State")},
};

void render_route_table(pugi::xml_node parent, const Json& table) {
  add_members(
      parent, table,
      {"RouteTableId", "VpcId", "OwnerId", "Routes", "Associations", "PropagatingVgws", "Tags"},
      {{"/Routes", "routeSet"},
       {"/Associations", "associationSet"},
       {"/PropagatingVgws", "propagatingVgwSet"}});
}

ApiError route_table_not_found(std::string_view table_id) {
  return id_not_found("InvalidRouteTableID.NotFound", "routeTable", table_id);
}

bool has_subnet_associations(const Json& table) {
  const Json associations = table.value("Associations", Json::array());
  return std::any_of(associations.begin(), associations.end(),
                     [](const Json& entry) { return entry.contains("SubnetId"); });
}

ApiOutcome create_route_table_call(const Ec2Context& context, const ApiRequest& request) {
  auto vpc_id = required(request.params, "VpcId");
  if (!vpc_id)
    return std::unexpected(vpc_id.error());
  auto tags = tags_for(request.params, "route-table", {"route-table"});
  if (!tags)
    return std::unexpected(tags.error());
  ResourceHome home{request.region, owner_of(request)};
  auto table =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<Json, ApiError> {
        auto vpc = require_document(transaction, request.region, kVpcKind, *vpc_id,
                                    [&] { return vpc_not_found(*vpc_id); });
        if (!vpc)
          return std::unexpected(vpc.error());
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        Json created = new_route_table(home, *vpc_id, text_member(**vpc, "CidrBlock"), *tags);
        transaction.put(request.region, kRouteTableKind, text_member(created, "RouteTableId"),
                        created);
        return created;
      });
  if (!table)
    return std::unexpected(table.error());
  Ec2Response response(request.operation, request.request_id);
  render_route_table(add_node(response.root(), "routeTable"), *table);
  return response.finish();
}

ApiOutcome delete_route_table_call(const Ec2Context& context, const ApiRequest& request) {
  auto table_id = required(request.params, "RouteTableId");
  if (!table_id)
    return std::unexpected(table_id.error());
  auto deleted =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        auto table = require_route_table(transaction, request.region, *table_id);
        if (!table)
          return std::unexpected(table.error());
        if (is_main_route_table(**table) || has_subnet_associations(**table)) {
          return std::unexpected(client_error(
              "DependencyViolation",
              "The routeTable '" + *table_id + "' has dependencies and cannot be deleted."));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        transaction.erase(request.region, kRouteTableKind, *table_id);
        return {};
      });
  if (!deleted)
    return std::unexpected(deleted.error());
  return ec2_return_true(request);
}

ApiOutcome describe_route_tables_call(const Ec2Context& context, const ApiRequest& request) {
  if (auto failed = make_default_network_visible(context, request.region))
    return std::unexpected(*failed);
  DescribeSpec spec{"RouteTableId", kRouteTableFilters,
                    [](const std::string& id) { return route_table_not_found(id); }, 5,
                    kMaxRouteTablesPerPage};
  auto selection = describe_stored(request, context.deps.store, kRouteTableKind, spec);
  if (!selection)
    return std::unexpected(selection.error());
  return describe_answer(request, "routeTableSet", *selection, render_route_table);
}

}  // namespace

Json route_table_association(std::string_view table_id, std::string_view subnet_id) {
  Json entry{{"Main", subnet_id.empty()},
             {"RouteTableAssociationId", resource_id("rtbassoc")},
             {"RouteTableId", table_id},
             {"AssociationState", {{"State", "associated"}}}};
  if (!subnet_id.empty())
    entry["SubnetId"] = subnet_id;
  return entry;
}

std::expected<Json*, ApiError> require_route_table(Transaction& transaction,
                                                   std::string_view region,
                                                   const std::string& table_id) {
  return require_document(transaction, region, kRouteTableKind, table_id,
                          [&] { return route_table_not_found(table_id); });
}

Json new_route_table(const ResourceHome& home, std::string_view vpc_id, std::string_view vpc_cidr,
                     const Ec2Tags& tags) {
  return Json{{"RouteTableId", resource_id("rtb")},
              {"VpcId", vpc_id},
              {"OwnerId", home.owner_id},
              {"Routes", Json::array({{{"DestinationCidrBlock", vpc_cidr},
                                       {"GatewayId", "local"},
                                       {"Origin", "CreateRouteTable"},
                                       {"State", "active"}}})},
              {"Associations", Json::array()},
              {"PropagatingVgws", Json::array()},
              {"Tags", tags_to_json(tags)}};
}

void make_main_route_table(Json& table) {
  table["Associations"].push_back(route_table_association(text_member(table, "RouteTableId"), ""));
}

bool is_main_route_table(const Json& table) {
  const Json associations = table.value("Associations", Json::array());
  return std::any_of(associations.begin(), associations.end(),
                     [](const Json& entry) { return entry.value("Main", false); });
}

Json* main_route_table(Transaction& transaction, std::string_view region, std::string_view vpc_id) {
  for (Json* table : documents_of(transaction, region, kRouteTableKind)) {
    if (text_member(*table, "VpcId") == vpc_id && is_main_route_table(*table))
      return table;
  }
  return nullptr;
}

void add_route_table_operations(OperationTable& table, const Ec2Context& context) {
  table["CreateRouteTable"] = with_context(context, create_route_table_call);
  table["DeleteRouteTable"] = with_context(context, delete_route_table_call);
  table["DescribeRouteTables"] = with_context(context, describe_route_tables_call);
}

}  // namespace spawn::localcloud
