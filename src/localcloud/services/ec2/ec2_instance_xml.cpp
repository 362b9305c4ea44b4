#include "localcloud/services/ec2/ec2_instance_xml.hpp"

#include "localcloud/api/responses.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"

namespace spawn::localcloud {
namespace {

// The Instance members whose locationName is not their lowerCamel name.
const XmlNames kInstanceNames{
    {"/PublicDnsName", "dnsName"},
    {"/PublicIpAddress", "ipAddress"},
    {"/State", "instanceState"},
    {"/StateTransitionReason", "reason"},
    {"/BlockDeviceMappings", "blockDeviceMapping"},
    {"/SecurityGroups", "groupSet"},
};

}  // namespace

void add_instance_item(pugi::xml_node list, const Json& instance) {
  // The order of a real DescribeInstances answer.
  add_members(add_node(list, "item"), instance,
              {"InstanceId",
               "ImageId",
               "State",
               "PrivateDnsName",
               "PublicDnsName",
               "StateTransitionReason",
               "KeyName",
               "AmiLaunchIndex",
               "ProductCodes",
               "InstanceType",
               "LaunchTime",
               "Placement",
               "Monitoring",
               "SubnetId",
               "VpcId",
               "PrivateIpAddress",
               "PublicIpAddress",
               "SourceDestCheck",
               "SecurityGroups",
               "StateReason",
               "Architecture",
               "RootDeviceType",
               "RootDeviceName",
               "BlockDeviceMappings",
               "InstanceLifecycle",
               "SpotInstanceRequestId",
               "VirtualizationType",
               "ClientToken",
               "Tags",
               "Hypervisor",
               "IamInstanceProfile",
               "EbsOptimized",
               "EnaSupport",
               "CpuOptions",
               "CapacityReservationSpecification",
               "HibernationOptions",
               "MetadataOptions",
               "EnclaveOptions",
               "BootMode",
               "PlatformDetails",
               "UsageOperation",
               "UsageOperationUpdateTime",
               "PrivateDnsNameOptions",
               "MaintenanceOptions"},
              kInstanceNames);
}

void add_reservation(pugi::xml_node reservation, std::string_view reservation_id,
                     const std::vector<const Json*>& instances) {
  add_text(reservation, "reservationId", reservation_id);
  add_text(reservation, "ownerId", kAccountId);
  add_node(reservation, "groupSet");
  pugi::xml_node list = add_node(reservation, "instancesSet");
  for (const Json* instance : instances)
    add_instance_item(list, *instance);
}

void add_state(pugi::xml_node parent, std::string_view element, InstanceState state) {
  pugi::xml_node node = add_node(parent, element);
  add_text(node, "code", std::to_string(static_cast<int>(state)));
  add_text(node, "name", state_name(state));
}

void add_state_changes(pugi::xml_node parent, const std::vector<StateChange>& changes) {
  pugi::xml_node list = add_node(parent, "instancesSet");
  for (const StateChange& change : changes) {
    pugi::xml_node item = add_node(list, "item");
    add_text(item, "instanceId", change.instance_id);
    add_state(item, "currentState", change.current);
    add_state(item, "previousState", change.previous);
  }
}

}  // namespace spawn::localcloud
