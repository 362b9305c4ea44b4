// VPCs: CreateVpc (with its main route table and default security group, as
// AWS makes them), DescribeVpcs, DeleteVpc (refused while subnets, an attached
// gateway, other security groups or other route tables remain; the default
// group and main table go with it), ModifyVpcAttribute and
// DescribeVpcAttribute.
#include <algorithm>

#include "localcloud/api/responses.hpp"
#include "localcloud/ids.hpp"
#include "localcloud/services/ec2/ec2_describe.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_groups.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "localcloud/services/ec2/ec2_network.hpp"
#include "localcloud/services/ec2/ec2_network_defaults.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {
namespace {

constexpr int kSmallestVpcPrefix = 16;
constexpr int kLargestVpcPrefix = 28;

// The attributes ModifyVpcAttribute changes, as parameter and as DescribeVpcAttribute names them.
struct VpcAttributeName {
  std::string_view member;     // "EnableDnsSupport"
  std::string_view attribute;  // "enableDnsSupport"
};
constexpr VpcAttributeName kVpcAttributes[] = {{"EnableDnsSupport", "enableDnsSupport"},
                                               {"EnableDnsHostnames", "enableDnsHostnames"}};

const FilterTable kVpcFilters{
    {"vpc-id", member("/VpcId")},
    {"cidr", member("/CidrBlock")},
    {"cidr-block-association.cidr-block", members_of("/CidrBlockAssociationSet", "/CidrBlock")},
    {"cidr-block-association.association-id",
     members_of("/CidrBlockAssociationSet", "/AssociationId")},
    {"cidr-block-association.state",
     members_of("/CidrBlockAssociationSet", "/CidrBlockState/State")},
    {"dhcp-options-id", member("/DhcpOptionsId")},
    {"is-default", member("/IsDefault")},
    {"owner-id", member("/OwnerId")},
    {"state", member("/State")},
};

void render_vpc(pugi::xml_node parent, const Json& vpc) {
  add_members(parent, vpc,
              {"VpcId", "OwnerId", "State", "CidrBlock", "CidrBlockAssociationSet", "DhcpOptionsId",
               "InstanceTenancy", "IsDefault", "Tags"},
              {});
}

std::expected<Ipv4Cidr, ApiError> vpc_cidr(const FormParams& params) {
  auto cidr = required_cidr(params, "CidrBlock", "cidrBlock");
  if (!cidr)
    return std::unexpected(cidr.error());
  if (cidr->prefix_length < kSmallestVpcPrefix || cidr->prefix_length > kLargestVpcPrefix) {
    return std::unexpected(
        client_error("InvalidVpc.Range", "The CIDR '" + cidr->to_string() + "' is invalid."));
  }
  return *cidr;
}

ApiOutcome create_vpc_call(const Ec2Context& context, const ApiRequest& request) {
  auto cidr = vpc_cidr(request.params);
  if (!cidr)
    return std::unexpected(cidr.error());
  auto tags = tags_for(request.params, "vpc", {"vpc"});
  if (!tags)
    return std::unexpected(tags.error());
  if (auto dry_run = dry_run_answer(request.params))
    return std::unexpected(*dry_run);
  ResourceHome home{request.region, owner_of(request)};
  auto vpc =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<Json, ApiError> {
        return create_vpc(transaction, home, *cidr, DefaultResource::no, *tags);
      });
  if (!vpc)
    return std::unexpected(vpc.error());
  Ec2Response response(request.operation, request.request_id);
  render_vpc(add_node(response.root(), "vpc"), *vpc);
  return response.finish();
}

ApiOutcome describe_vpcs_call(const Ec2Context& context, const ApiRequest& request) {
  if (auto failed = make_default_network_visible(context, request.region))
    return std::unexpected(*failed);
  DescribeSpec spec{"VpcId", kVpcFilters, [](const std::string& id) { return vpc_not_found(id); }};
  auto selection = describe_stored(request, context.deps.store, kVpcKind, spec);
  if (!selection)
    return std::unexpected(selection.error());
  return describe_answer(request, "vpcSet", *selection, render_vpc);
}

bool in_vpc(const Json& document, std::string_view vpc_id) {
  return text_member(document, "VpcId") == vpc_id;
}

bool attached_to(const Json& gateway, std::string_view vpc_id) {
  const Json attachments = gateway.value("Attachments", Json::array());
  return std::any_of(attachments.begin(), attachments.end(),
                     [&](const Json& attachment) { return in_vpc(attachment, vpc_id); });
}

bool any_document(Transaction& transaction, std::string_view region, std::string_view kind,
                  const std::function<bool(const Json&)>& depends) {
  auto documents = documents_of(transaction, region, kind);
  return std::any_of(documents.begin(), documents.end(),
                     [&](const Json* document) { return depends(*document); });
}

// Whether anything the user must delete first still belongs to the VPC.
bool vpc_has_dependencies(Transaction& transaction, std::string_view region,
                          std::string_view vpc_id) {
  auto subnet = [&](const Json& document) { return in_vpc(document, vpc_id); };
  auto gateway = [&](const Json& document) { return attached_to(document, vpc_id); };
  auto group = [&](const Json& document) {
    return in_vpc(document, vpc_id) && text_member(document, "GroupName") != kDefaultGroupName;
  };
  auto table = [&](const Json& document) {
    return in_vpc(document, vpc_id) && !is_main_route_table(document);
  };
  return any_document(transaction, region, kSubnetKind, subnet) ||
         any_document(transaction, region, kInternetGatewayKind, gateway) ||
         any_document(transaction, region, kSecurityGroupKind, group) ||
         any_document(transaction, region, kRouteTableKind, table);
}

// Erases the VPC with the default group and main route table that came with it.
void erase_vpc(Transaction& transaction, std::string_view region, const Json& vpc) {
  std::string vpc_id = text_member(vpc, "VpcId");
  for (std::string_view kind : {kSecurityGroupKind, kRouteTableKind}) {
    for (const Json* document : documents_of(transaction, region, kind)) {
      if (in_vpc(*document, vpc_id)) {
        std::string id =
            text_member(*document, kind == kRouteTableKind ? "RouteTableId" : "GroupId");
        transaction.erase(region, kind, id);
      }
    }
  }
  transaction.erase(region, kVpcKind, vpc_id);
}

ApiOutcome delete_vpc_call(const Ec2Context& context, const ApiRequest& request) {
  auto vpc_id = required(request.params, "VpcId");
  if (!vpc_id)
    return std::unexpected(vpc_id.error());
  auto deleted =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        auto vpc = require_document(transaction, request.region, kVpcKind, *vpc_id,
                                    [&] { return vpc_not_found(*vpc_id); });
        if (!vpc)
          return std::unexpected(vpc.error());
        if (vpc_has_dependencies(transaction, request.region, *vpc_id)) {
          return std::unexpected(
              client_error("DependencyViolation",
                           "The vpc '" + *vpc_id + "' has dependencies and cannot be deleted."));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        erase_vpc(transaction, request.region, **vpc);
        return {};
      });
  if (!deleted)
    return std::unexpected(deleted.error());
  return ec2_return_true(request);
}

// The one attribute a Modify/DescribeVpcAttribute call names.
std::expected<VpcAttributeName, ApiError> attribute_to_modify(const FormParams& params) {
  std::optional<VpcAttributeName> chosen;
  for (const VpcAttributeName& name : kVpcAttributes) {
    if (!params.has(std::string(name.member) + ".Value"))
      continue;
    if (chosen) {
      return std::unexpected(client_error(
          "InvalidParameterCombination",
          "Fields for multiple attribute types specified: " + std::string(chosen->member) + ", " +
              std::string(name.member)));
    }
    chosen = name;
  }
  if (!chosen)
    return std::unexpected(client_error("MissingParameter", "No attributes specified."));
  return *chosen;
}

ApiOutcome modify_vpc_attribute_call(const Ec2Context& context, const ApiRequest& request) {
  auto vpc_id = required(request.params, "VpcId");
  if (!vpc_id)
    return std::unexpected(vpc_id.error());
  auto attribute = attribute_to_modify(request.params);
  if (!attribute)
    return std::unexpected(attribute.error());
  bool value = request.params.get_bool(std::string(attribute->member) + ".Value");
  auto modified =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        auto vpc = require_document(transaction, request.region, kVpcKind, *vpc_id,
                                    [&] { return vpc_not_found(*vpc_id); });
        if (!vpc)
          return std::unexpected(vpc.error());
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        (**vpc)[std::string(attribute->member)] = value;
        return {};
      });
  if (!modified)
    return std::unexpected(modified.error());
  return ec2_return_true(request);
}

ApiOutcome describe_vpc_attribute_call(const Ec2Context& context, const ApiRequest& request) {
  auto vpc_id = required(request.params, "VpcId");
  auto attribute_text = required(request.params, "Attribute");
  if (!vpc_id || !attribute_text)
    return std::unexpected(!vpc_id ? vpc_id.error() : attribute_text.error());
  const VpcAttributeName* attribute = nullptr;
  for (const VpcAttributeName& name : kVpcAttributes) {
    if (name.attribute == *attribute_text)
      attribute = &name;
  }
  if (attribute == nullptr) {
    return std::unexpected(
        client_error("InvalidParameterValue",
                     "Value (" + *attribute_text + ") for parameter attribute is invalid."));
  }
  auto vpc = context.deps.store.get(request.region, kVpcKind, *vpc_id);
  if (!vpc)
    return std::unexpected(vpc_not_found(*vpc_id));
  Ec2Response response(request.operation, request.request_id);
  add_text(response.root(), "vpcId", *vpc_id);
  pugi::xml_node value = add_node(response.root(), attribute->attribute);
  add_text(value, "value", vpc->value(std::string(attribute->member), false) ? "true" : "false");
  return response.finish();
}

}  // namespace

ApiError vpc_not_found(std::string_view vpc_id) {
  return id_not_found("InvalidVpcID.NotFound", "vpc", vpc_id);
}

Json create_vpc(Transaction& transaction, const ResourceHome& home, const Ipv4Cidr& cidr,
                DefaultResource is_default, const Ec2Tags& tags) {
  std::string vpc_id = resource_id("vpc");
  Json group = new_default_security_group(home.owner_id, vpc_id);
  Json table = new_route_table(home, vpc_id, cidr.to_string(), {});
  make_main_route_table(table);
  bool default_vpc = is_default == DefaultResource::yes;
  Json vpc{
      {"VpcId", vpc_id},
      {"OwnerId", home.owner_id},
      {"State", "available"},
      {"CidrBlock", cidr.to_string()},
      {"CidrBlockAssociationSet", Json::array({{{"AssociationId", resource_id("vpc-cidr-assoc")},
                                                {"CidrBlock", cidr.to_string()},
                                                {"CidrBlockState", {{"State", "associated"}}}}})},
      {"DhcpOptionsId", resource_id("dopt")},
      {"InstanceTenancy", "default"},
      {"IsDefault", default_vpc},
      {"EnableDnsSupport", true},
      {"EnableDnsHostnames", default_vpc},
      {"MainRouteTableId", table["RouteTableId"]},
      {"DefaultSecurityGroupId", group["GroupId"]},
      {"DefaultNetworkAclId", resource_id("acl")},
      {"Tags", tags_to_json(tags)},
  };
  transaction.put(home.region, kSecurityGroupKind, group["GroupId"].get<std::string>(), group);
  transaction.put(home.region, kRouteTableKind, table["RouteTableId"].get<std::string>(), table);
  transaction.put(home.region, kVpcKind, vpc_id, vpc);
  return vpc;
}

void add_vpc_operations(OperationTable& table, const Ec2Context& context) {
  table["CreateVpc"] = with_context(context, create_vpc_call);
  table["DescribeVpcs"] = with_context(context, describe_vpcs_call);
  table["DeleteVpc"] = with_context(context, delete_vpc_call);
  table["ModifyVpcAttribute"] = with_context(context, modify_vpc_attribute_call);
  table["DescribeVpcAttribute"] = with_context(context, describe_vpc_attribute_call);
}

}  // namespace spawn::localcloud
