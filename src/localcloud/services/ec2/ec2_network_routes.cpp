// Routes to internet gateways (CreateRoute, DeleteRoute) and the route tables'
// subnet associations (AssociateRouteTable, DisassociateRouteTable).
#include <algorithm>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_network.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {
namespace {

// Checks CreateRoute's target: an internet gateway attached to the table's VPC.
std::optional<ApiError> route_target_problem(Transaction& transaction, std::string_view region,
                                             const Json& table, const std::string& gateway_id) {
  const Json* gateway = transaction.find(region, kInternetGatewayKind, gateway_id);
  if (gateway == nullptr)
    return id_not_found("InvalidGatewayID.NotFound", "gateway", gateway_id);
  const Json attachments = gateway->value("Attachments", Json::array());
  bool same_vpc = std::any_of(attachments.begin(), attachments.end(), [&](const Json& entry) {
    return text_member(entry, "VpcId") == text_member(table, "VpcId");
  });
  if (!same_vpc) {
    return client_error("InvalidParameterValue",
                        "route table " + text_member(table, "RouteTableId") +
                            " and network gateway " + gateway_id + " belong to different networks");
  }
  return std::nullopt;
}

// The position of the route to `destination` in the table's Routes.
std::optional<std::size_t> route_index(const Json& table, std::string_view destination) {
  const Json routes = table.value("Routes", Json::array());
  for (std::size_t i = 0; i < routes.size(); ++i) {
    if (text_member(routes[i], "DestinationCidrBlock") == destination)
      return i;
  }
  return std::nullopt;
}

std::expected<std::string, ApiError> destination_of(const FormParams& params) {
  auto cidr = required_cidr(params, "DestinationCidrBlock", "destinationCidrBlock");
  if (!cidr)
    return std::unexpected(cidr.error());
  return cidr->to_string();
}

ApiOutcome create_route_call(const Ec2Context& context, const ApiRequest& request) {
  auto table_id = required(request.params, "RouteTableId");
  auto gateway_id = required(request.params, "GatewayId");
  auto destination = destination_of(request.params);
  if (!table_id || !gateway_id || !destination) {
    return std::unexpected(!table_id     ? table_id.error()
                           : !gateway_id ? gateway_id.error()
                                         : destination.error());
  }
  auto created =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        auto table = require_route_table(transaction, request.region, *table_id);
        if (!table)
          return std::unexpected(table.error());
        if (auto problem = route_target_problem(transaction, request.region, **table, *gateway_id))
          return std::unexpected(*problem);
        if (route_index(**table, *destination)) {
          return std::unexpected(
              client_error("RouteAlreadyExists",
                           "The route identified by " + *destination + " already exists."));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        add_route(**table, *destination, *gateway_id);
        return {};
      });
  if (!created)
    return std::unexpected(created.error());
  return ec2_return_true(request);
}

ApiOutcome delete_route_call(const Ec2Context& context, const ApiRequest& request) {
  auto table_id = required(request.params, "RouteTableId");
  auto destination = destination_of(request.params);
  if (!table_id || !destination)
    return std::unexpected(!table_id ? table_id.error() : destination.error());
  auto deleted =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        auto table = require_route_table(transaction, request.region, *table_id);
        if (!table)
          return std::unexpected(table.error());
        auto index = route_index(**table, *destination);
        if (!index) {
          return std::unexpected(client_error(
              "InvalidRoute.NotFound", "no route with destination-cidr-block " + *destination +
                                           " in route table " + *table_id));
        }
        Json& routes = (**table)["Routes"];
        if (text_member(routes[*index], "GatewayId") == "local") {
          return std::unexpected(client_error(
              "InvalidParameterValue",
              "cannot remove local route " + *destination + " in route table " + *table_id));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        routes.erase(*index);
        return {};
      });
  if (!deleted)
    return std::unexpected(deleted.error());
  return ec2_return_true(request);
}

// The table that holds an explicit association of `subnet_id`, or nullptr.
Json* table_associated_with(Transaction& transaction, std::string_view region,
                            std::string_view subnet_id) {
  for (Json* table : documents_of(transaction, region, kRouteTableKind)) {
    for (const Json& entry : table->value("Associations", Json::array())) {
      if (text_member(entry, "SubnetId") == subnet_id)
        return table;
    }
  }
  return nullptr;
}

std::expected<std::string, ApiError> associate(Transaction& transaction, const ApiRequest& request,
                                               const std::string& table_id,
                                               const std::string& subnet_id) {
  auto table = require_route_table(transaction, request.region, table_id);
  if (!table)
    return std::unexpected(table.error());
  const Json* subnet = transaction.find(request.region, kSubnetKind, subnet_id);
  if (subnet == nullptr)
    return std::unexpected(id_not_found("InvalidSubnetID.NotFound", "subnet", subnet_id));
  if (text_member(*subnet, "VpcId") != text_member(**table, "VpcId")) {
    return std::unexpected(client_error(
        "InvalidParameterValue",
        "Route table " + table_id + " and subnet " + subnet_id + " belong to different networks"));
  }
  if (table_associated_with(transaction, request.region, subnet_id)) {
    return std::unexpected(client_error("Resource.AlreadyAssociated",
                                        "the specified association for route table " + table_id +
                                            " conflicts with an existing association"));
  }
  if (auto dry_run = dry_run_answer(request.params))
    return std::unexpected(*dry_run);
  Json entry = route_table_association(table_id, subnet_id);
  (**table)["Associations"].push_back(entry);
  return text_member(entry, "RouteTableAssociationId");
}

ApiOutcome associate_route_table_call(const Ec2Context& context, const ApiRequest& request) {
  auto table_id = required(request.params, "RouteTableId");
  auto subnet_id = required(request.params, "SubnetId");
  if (!table_id || !subnet_id)
    return std::unexpected(!table_id ? table_id.error() : subnet_id.error());
  auto association_id = context.deps.store.write([&](Transaction& transaction) {
    return associate(transaction, request, *table_id, *subnet_id);
  });
  if (!association_id)
    return std::unexpected(association_id.error());
  Ec2Response response(request.operation, request.request_id);
  add_text(response.root(), "associationId", *association_id);
  add_text(add_node(response.root(), "associationState"), "state", "associated");
  return response.finish();
}

std::expected<void, ApiError> disassociate(Transaction& transaction, const ApiRequest& request,
                                           const std::string& association_id) {
  for (Json* table : documents_of(transaction, request.region, kRouteTableKind)) {
    Json& associations = (*table)["Associations"];
    for (std::size_t i = 0; i < associations.size(); ++i) {
      if (text_member(associations[i], "RouteTableAssociationId") != association_id)
        continue;
      if (associations[i].value("Main", false)) {
        return std::unexpected(
            client_error("InvalidParameterValue",
                         "cannot disassociate the main route table association " + association_id));
      }
      if (auto dry_run = dry_run_answer(request.params))
        return std::unexpected(*dry_run);
      associations.erase(i);
      return {};
    }
  }
  return std::unexpected(
      id_not_found("InvalidAssociationID.NotFound", "association", association_id));
}

ApiOutcome disassociate_route_table_call(const Ec2Context& context, const ApiRequest& request) {
  auto association_id = required(request.params, "AssociationId");
  if (!association_id)
    return std::unexpected(association_id.error());
  auto removed = context.deps.store.write([&](Transaction& transaction) {
    return disassociate(transaction, request, *association_id);
  });
  if (!removed)
    return std::unexpected(removed.error());
  return ec2_return_true(request);
}

}  // namespace

void add_route(Json& table, std::string_view destination, std::string_view gateway_id) {
  table["Routes"].push_back({{"DestinationCidrBlock", destination},
                             {"GatewayId", gateway_id},
                             {"Origin", "CreateRoute"},
                             {"State", "active"}});
}

void forget_subnet_associations(Transaction& transaction, std::string_view region,
                                std::string_view subnet_id) {
  if (Json* table = table_associated_with(transaction, region, subnet_id)) {
    Json& associations = (*table)["Associations"];
    for (std::size_t i = associations.size(); i-- > 0;) {
      if (text_member(associations[i], "SubnetId") == subnet_id)
        associations.erase(i);
    }
  }
}

void add_route_operations(OperationTable& table, const Ec2Context& context) {
  table["CreateRoute"] = with_context(context, create_route_call);
  table["DeleteRoute"] = with_context(context, delete_route_call);
  table["AssociateRouteTable"] = with_context(context, associate_route_table_call);
  table["DisassociateRouteTable"] = with_context(context, disassociate_route_table_call);
}

}  // namespace spawn::localcloud
