// DescribeInstanceAttribute and ModifyInstanceAttribute. One table says, per
// attribute, which document member holds it, how EC2 renders it (a <value>
// text, a <value> boolean, or a structure) and whether it can be changed, and
// if so only while the instance is stopped.
#include <algorithm>
#include <array>

#include "localcloud/api/responses.hpp"
#include "localcloud/catalog/instance_types.hpp"
#include "localcloud/services/ec2/ec2_instance_lookup.hpp"
#include "localcloud/services/ec2/ec2_instance_operations.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "localcloud/services/ec2/ec2_launch_request.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {
namespace {

enum class Shape { text, flag, structure };
enum class Change { never, any_state, when_stopped };

struct AttributeSpec {
  std::string_view name;    // EC2's attribute name, also the element name
  std::string_view member;  // the document member ("" when localcloud has none)
  Shape shape;
  Change change;
};

constexpr std::array<AttributeSpec, 16> kAttributes{{
    {"instanceType", "InstanceType", Shape::text, Change::when_stopped},
    {"kernel", "", Shape::text, Change::never},
    {"ramdisk", "", Shape::text, Change::never},
    {"userData", "UserData", Shape::text, Change::when_stopped},
    {"disableApiTermination", "DisableApiTermination", Shape::flag, Change::any_state},
    {"disableApiStop", "DisableApiStop", Shape::flag, Change::any_state},
    {"instanceInitiatedShutdownBehavior", "InstanceInitiatedShutdownBehavior", Shape::text,
     Change::any_state},
    {"rootDeviceName", "RootDeviceName", Shape::text, Change::never},
    {"blockDeviceMapping", "BlockDeviceMappings", Shape::structure, Change::never},
    {"productCodes", "ProductCodes", Shape::structure, Change::never},
    {"sourceDestCheck", "SourceDestCheck", Shape::flag, Change::any_state},
    {"groupSet", "SecurityGroups", Shape::structure, Change::never},
    {"ebsOptimized", "EbsOptimized", Shape::flag, Change::when_stopped},
    {"enaSupport", "EnaSupport", Shape::flag, Change::when_stopped},
    {"sriovNetSupport", "", Shape::text, Change::never},
    {"enclaveOptions", "EnclaveOptions", Shape::structure, Change::never},
}};

const AttributeSpec* find_attribute(std::string_view name) {
  auto spec = std::find_if(kAttributes.begin(), kAttributes.end(),
                           [&](const AttributeSpec& candidate) { return candidate.name == name; });
  return spec == kAttributes.end() ? nullptr : &*spec;
}

ApiError unknown_attribute(std::string_view name) {
  return invalid_parameter("attribute", name, "Unknown attribute.");
}

void add_attribute(pugi::xml_node root, const AttributeSpec& spec, const Json& instance) {
  auto value = spec.member.empty() ? instance.end() : instance.find(spec.member);
  if (spec.shape == Shape::structure) {
    add_members(root, instance, {spec.member},
                {{"/" + std::string(spec.member), std::string(spec.name)}});
    return;
  }
  pugi::xml_node node = add_node(root, spec.name);
  if (value == instance.end() || (value->is_string() && value->get<std::string>().empty()))
    return;
  std::string text =
      value->is_boolean() ? (value->get<bool>() ? "true" : "false") : value->get<std::string>();
  add_text(node, "value", text);
}

ApiOutcome describe_instance_attribute(const InstanceServices& services,
                                       const ApiRequest& request) {
  auto id = single_instance_id(request.params);
  if (!id)
    return std::unexpected(id.error());
  auto name = required(request.params, "Attribute");
  if (!name)
    return std::unexpected(name.error());
  const AttributeSpec* spec = find_attribute(*name);
  if (spec == nullptr)
    return std::unexpected(unknown_attribute(*name));
  auto instance = services.context.deps.store.get(request.region, kInstanceKind, *id);
  if (!instance)
    return std::unexpected(instances_not_found({*id}));
  Ec2Response response(request.operation, request.request_id);
  add_text(response.root(), "instanceId", *id);
  add_attribute(response.root(), *spec, *instance);
  return response.finish();
}

struct Modification {
  const AttributeSpec* spec;
  std::string value;
};

// The attribute to change: `Attribute` and `Value`, or one `<Member>.Value`.
std::expected<Modification, ApiError> requested_change(const FormParams& params) {
  if (auto name = params.get("Attribute")) {
    const AttributeSpec* spec = find_attribute(*name);
    if (spec == nullptr || spec->change == Change::never)
      return std::unexpected(unknown_attribute(*name));
    return Modification{spec, params.get_or("Value", "")};
  }
  for (const AttributeSpec& spec : kAttributes) {
    if (spec.change == Change::never)
      continue;
    if (auto value = params.get(std::string(spec.member) + ".Value"))
      return Modification{&spec, *value};
  }
  return std::unexpected(
      client_error("MissingParameter", "The request must contain the parameter Attribute"));
}

// The value to store, checked as RunInstances checks it.
std::expected<Json, ApiError> checked_value(const Modification& change) {
  std::string_view name = change.spec->name;
  const std::string& value = change.value;
  if (change.spec->shape == Shape::flag) {
    if (value != "true" && value != "false")
      return std::unexpected(invalid_parameter(name, value));
    return Json(value == "true");
  }
  if (name == "instanceInitiatedShutdownBehavior" && value != "stop" && value != "terminate")
    return std::unexpected(invalid_parameter(name, value));
  if (name == "instanceType" && find_instance_type(value) == nullptr)
    return std::unexpected(invalid_parameter(name, value));
  if (name == "userData") {
    auto decoded = base64_decode(value);
    if (!decoded)
      return std::unexpected(
          client_error("InvalidParameterValue", "Invalid BASE64 encoding of user data."));
    if (decoded->size() > kMaxUserDataBytes)
      return std::unexpected(
          client_error("InvalidParameterValue", "User data is limited to 16384 bytes"));
  }
  return Json(value);
}

ApiOutcome modify_instance_attribute(const InstanceServices& services, const ApiRequest& request) {
  auto id = single_instance_id(request.params);
  if (!id)
    return std::unexpected(id.error());
  auto change = requested_change(request.params);
  if (!change)
    return std::unexpected(change.error());
  auto value = checked_value(*change);
  if (!value)
    return std::unexpected(value.error());
  auto done = services.context.deps.store.write(
      [&](Transaction& transaction) -> std::expected<bool, ApiError> {
        Json* instance = transaction.find(request.region, kInstanceKind, *id);
        if (instance == nullptr)
          return std::unexpected(instances_not_found({*id}));
        if (change->spec->change == Change::when_stopped &&
            state_of(*instance) != InstanceState::stopped) {
          return std::unexpected(
              client_error("IncorrectInstanceState",
                           "The instance '" + *id + "' is not in the 'stopped' state."));
        }
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        (*instance)[std::string(change->spec->member)] = *value;
        return true;
      });
  if (!done)
    return std::unexpected(done.error());
  return ec2_return_true(request);
}

}  // namespace

void add_instance_attribute_operations(OperationTable& table, const InstanceServices& services) {
  table["DescribeInstanceAttribute"] = [services](const ApiRequest& r) {
    return describe_instance_attribute(services, r);
  };
  table["ModifyInstanceAttribute"] = [services](const ApiRequest& r) {
    return modify_instance_attribute(services, r);
  };
}

}  // namespace spawn::localcloud
