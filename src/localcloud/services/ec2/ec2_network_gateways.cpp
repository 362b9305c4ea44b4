// Internet gateways: create, attach to one VPC, detach (refused while live
// instances of the VPC hold public addresses), delete (refused while
// attached), describe. Routes through a detached gateway turn "blackhole", and
// "active" again when it is attached back, as on AWS.
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

const FilterTable kGatewayFilters{
    {"internet-gateway-id", member("/InternetGatewayId")},
    {"attachment.vpc-id", members_of("/Attachments", "/VpcId")},
    {"attachment.state", members_of("/Attachments", "/State")},
    {"owner-id", member("/OwnerId")},
};

void render_gateway(pugi::xml_node parent, const Json& gateway) {
  add_members(parent, gateway, {"InternetGatewayId", "OwnerId", "Attachments", "Tags"},
              {{"/Attachments", "attachmentSet"}});
}

ApiError gateway_not_found(std::string_view gateway_id) {
  return id_not_found("InvalidInternetGatewayID.NotFound", "internetGateway", gateway_id);
}

// The VPC the gateway is attached to, or "".
std::string attached_vpc(const Json& gateway) {
  for (const Json& attachment : gateway.value("Attachments", Json::array()))
    return text_member(attachment, "VpcId");
  return "";
}

void set_route_states(Transaction& transaction, std::string_view region, std::string_view vpc_id,
                      std::string_view gateway_id, std::string_view state) {
  for (Json* table : documents_of(transaction, region, kRouteTableKind)) {
    if (text_member(*table, "VpcId") != vpc_id)
      continue;
    for (Json& route : (*table)["Routes"]) {
      if (text_member(route, "GatewayId") == gateway_id)
        route["State"] = state;
    }
  }
}

bool vpc_has_gateway(Transaction& transaction, std::string_view region, std::string_view vpc_id) {
  auto gateways = documents_of(transaction, region, kInternetGatewayKind);
  return std::any_of(gateways.begin(), gateways.end(),
                     [&](const Json* gateway) { return attached_vpc(*gateway) == vpc_id; });
}

bool vpc_has_public_addresses(Transaction& transaction, std::string_view region,
                              std::string_view vpc_id) {
  return used_by_live_instance(transaction, region, [&](const Json& instance) {
    return text_member(instance, "VpcId") == vpc_id &&
           !text_member(instance, "PublicIpAddress").empty();
  });
}

ApiOutcome create_gateway_call(const Ec2Context& context, const ApiRequest& request) {
  auto tags = tags_for(request.params, "internet-gateway", {"internet-gateway"});
  if (!tags)
    return std::unexpected(tags.error());
  if (auto dry_run = dry_run_answer(request.params))
    return std::unexpected(*dry_run);
  ResourceHome home{request.region, owner_of(request)};
  auto gateway =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<Json, ApiError> {
        return create_internet_gateway(transaction, home, *tags);
      });
  if (!gateway)
    return std::unexpected(gateway.error());
  Ec2Response response(request.operation, request.request_id);
  render_gateway(add_node(response.root(), "internetGateway"), *gateway);
  return response.finish();
}

// The gateway and VPC an Attach/Detach call names, both of which must exist.
struct GatewayAndVpc {
  Json* gateway;
  std::string gateway_id;
  std::string vpc_id;
};

std::expected<GatewayAndVpc, ApiError> gateway_and_vpc(Transaction& transaction,
                                                       const ApiRequest& request) {
  auto gateway_id = required(request.params, "InternetGatewayId");
  if (!gateway_id)
    return std::unexpected(gateway_id.error());
  auto vpc_id = required(request.params, "VpcId");
  if (!vpc_id)
    return std::unexpected(vpc_id.error());
  auto gateway = require_document(transaction, request.region, kInternetGatewayKind, *gateway_id,
                                  [&] { return gateway_not_found(*gateway_id); });
  if (!gateway)
    return std::unexpected(gateway.error());
  if (!transaction.find(request.region, kVpcKind, *vpc_id))
    return std::unexpected(vpc_not_found(*vpc_id));
  return GatewayAndVpc{*gateway, *gateway_id, *vpc_id};
}

ApiOutcome attach_gateway_call(const Ec2Context& context, const ApiRequest& request) {
  auto attached =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        auto named = gateway_and_vpc(transaction, request);
        if (!named)
          return std::unexpected(named.error());
        std::string current = attached_vpc(*named->gateway);
        if (!current.empty()) {
          return std::unexpected(client_error(
              "Resource.AlreadyAssociated",
              "resource " + named->gateway_id + " is already attached to network " + current));
        }
        if (vpc_has_gateway(transaction, request.region, named->vpc_id)) {
          return std::unexpected(client_error(
              "Resource.AlreadyAssociated",
              "Network " + named->vpc_id + " already has an internet gateway attached"));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        attach_gateway(transaction, request.region, *named->gateway, named->vpc_id);
        return {};
      });
  if (!attached)
    return std::unexpected(attached.error());
  return ec2_return_true(request);
}

ApiOutcome detach_gateway_call(const Ec2Context& context, const ApiRequest& request) {
  auto detached =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        auto named = gateway_and_vpc(transaction, request);
        if (!named)
          return std::unexpected(named.error());
        if (attached_vpc(*named->gateway) != named->vpc_id) {
          return std::unexpected(client_error(
              "Gateway.NotAttached",
              "resource " + named->gateway_id + " is not attached to network " + named->vpc_id));
        }
        if (vpc_has_public_addresses(transaction, request.region, named->vpc_id)) {
          return std::unexpected(client_error(
              "DependencyViolation", "Network " + named->vpc_id +
                                         " has some mapped public address(es). Please unmap "
                                         "those public address(es) before detaching the gateway."));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        (*named->gateway)["Attachments"] = Json::array();
        set_route_states(transaction, request.region, named->vpc_id, named->gateway_id,
                         "blackhole");
        return {};
      });
  if (!detached)
    return std::unexpected(detached.error());
  return ec2_return_true(request);
}

ApiOutcome delete_gateway_call(const Ec2Context& context, const ApiRequest& request) {
  auto gateway_id = required(request.params, "InternetGatewayId");
  if (!gateway_id)
    return std::unexpected(gateway_id.error());
  auto deleted =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        auto gateway =
            require_document(transaction, request.region, kInternetGatewayKind, *gateway_id,
                             [&] { return gateway_not_found(*gateway_id); });
        if (!gateway)
          return std::unexpected(gateway.error());
        if (!attached_vpc(**gateway).empty()) {
          return std::unexpected(client_error(
              "DependencyViolation",
              "The internetGateway '" + *gateway_id + "' has dependencies and cannot be deleted."));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        transaction.erase(request.region, kInternetGatewayKind, *gateway_id);
        return {};
      });
  if (!deleted)
    return std::unexpected(deleted.error());
  return ec2_return_true(request);
}

ApiOutcome describe_gateways_call(const Ec2Context& context, const ApiRequest& request) {
  if (auto failed = make_default_network_visible(context, request.region))
    return std::unexpected(*failed);
  DescribeSpec spec{"InternetGatewayId", kGatewayFilters,
                    [](const std::string& id) { return gateway_not_found(id); }};
  auto selection = describe_stored(request, context.deps.store, kInternetGatewayKind, spec);
  if (!selection)
    return std::unexpected(selection.error());
  return describe_answer(request, "internetGatewaySet", *selection, render_gateway);
}

}  // namespace

Json create_internet_gateway(Transaction& transaction, const ResourceHome& home,
                             const Ec2Tags& tags) {
  std::string gateway_id = resource_id("igw");
  Json gateway{{"InternetGatewayId", gateway_id},
               {"OwnerId", home.owner_id},
               {"Attachments", Json::array()},
               {"Tags", tags_to_json(tags)}};
  transaction.put(home.region, kInternetGatewayKind, gateway_id, gateway);
  return gateway;
}

void attach_gateway(Transaction& transaction, std::string_view region, Json& gateway,
                    std::string_view vpc_id) {
  gateway["Attachments"] = Json::array({{{"State", "available"}, {"VpcId", vpc_id}}});
  set_route_states(transaction, region, vpc_id, text_member(gateway, "InternetGatewayId"),
                   "active");
}

void add_internet_gateway_operations(OperationTable& table, const Ec2Context& context) {
  table["CreateInternetGateway"] = with_context(context, create_gateway_call);
  table["AttachInternetGateway"] = with_context(context, attach_gateway_call);
  table["DetachInternetGateway"] = with_context(context, detach_gateway_call);
  table["DeleteInternetGateway"] = with_context(context, delete_gateway_call);
  table["DescribeInternetGateways"] = with_context(context, describe_gateways_call);
}

}  // namespace spawn::localcloud
