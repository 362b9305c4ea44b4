#include "aws/ec2_parse.hpp"

namespace spawn::aws {

int parse_int(pugi::xml_node parent, std::string_view path) {
  return static_cast<int>(xml::integer(parent, path).value_or(0));
}

bool parse_flag(pugi::xml_node parent, std::string_view path) {
  return xml::boolean(parent, path).value_or(false);
}

std::vector<Tag> parse_tag_set(pugi::xml_node parent) {
  return parse_items(parent, "tagSet", [](pugi::xml_node item) {
    return Tag{xml::text(item, "key"), xml::text(item, "value")};
  });
}

InstanceState parse_instance_state(pugi::xml_node state) {
  return {parse_int(state, "code"), xml::text(state, "name")};
}

namespace {

MetadataOptions parse_metadata_options(pugi::xml_node options) {
  MetadataOptions parsed;
  parsed.http_tokens = xml::text(options, "httpTokens");
  parsed.http_endpoint = xml::text(options, "httpEndpoint");
  parsed.instance_metadata_tags = xml::text(options, "instanceMetadataTags");
  if (auto hops = xml::integer(options, "httpPutResponseHopLimit"))
    parsed.http_put_response_hop_limit = static_cast<int>(*hops);
  return parsed;
}

GroupIdentifier parse_group_identifier(pugi::xml_node item) {
  return {xml::text(item, "groupId"), xml::text(item, "groupName")};
}

void parse_instance_network(pugi::xml_node item, Instance& instance) {
  instance.public_ip = xml::text(item, "ipAddress");
  instance.private_ip = xml::text(item, "privateIpAddress");
  instance.public_dns = xml::text(item, "dnsName");
  instance.private_dns = xml::text(item, "privateDnsName");
  instance.availability_zone = xml::text(item, "placement/availabilityZone");
  instance.placement_group = xml::text(item, "placement/groupName");
  instance.subnet_id = xml::text(item, "subnetId");
  instance.vpc_id = xml::text(item, "vpcId");
  instance.security_groups = parse_items(item, "groupSet", parse_group_identifier);
}

}  // namespace

Instance parse_instance(pugi::xml_node item) {
  Instance instance;
  instance.instance_id = xml::text(item, "instanceId");
  instance.instance_type = xml::text(item, "instanceType");
  instance.state = parse_instance_state(xml::child(item, "instanceState"));
  instance.state_transition_reason = xml::text(item, "reason");
  instance.state_reason = {xml::text(item, "stateReason/code"),
                           xml::text(item, "stateReason/message")};
  instance.launch_time = xml::timestamp(item, "launchTime");
  instance.image_id = xml::text(item, "imageId");
  instance.key_name = xml::text(item, "keyName");
  parse_instance_network(item, instance);
  instance.tags = parse_tag_set(item);
  instance.lifecycle = xml::text(item, "instanceLifecycle");
  instance.spot_instance_request_id = xml::text(item, "spotInstanceRequestId");
  instance.architecture = xml::text(item, "architecture");
  instance.root_device_type = xml::text(item, "rootDeviceType");
  instance.root_device_name = xml::text(item, "rootDeviceName");
  instance.iam_instance_profile_arn = xml::text(item, "iamInstanceProfile/arn");
  instance.hibernation_configured = parse_flag(item, "hibernationOptions/configured");
  instance.metadata_options = parse_metadata_options(xml::child(item, "metadataOptions"));
  return instance;
}

Reservation parse_reservation(pugi::xml_node reservation) {
  return {xml::text(reservation, "reservationId"), xml::text(reservation, "ownerId"),
          parse_items(reservation, "instancesSet", parse_instance)};
}

InstanceStateChange parse_state_change(pugi::xml_node item) {
  // Answers older than the 2011 API name the new state <shutdownState>.
  pugi::xml_node current = xml::child(item, "currentState");
  if (!current)
    current = xml::child(item, "shutdownState");
  return {xml::text(item, "instanceId"), parse_instance_state(xml::child(item, "previousState")),
          parse_instance_state(current)};
}

InstanceStatus parse_instance_status(pugi::xml_node item) {
  return {xml::text(item, "instanceId"), xml::text(item, "availabilityZone"),
          parse_instance_state(xml::child(item, "instanceState")),
          xml::text(item, "systemStatus/status"), xml::text(item, "instanceStatus/status")};
}

TagDescription parse_tag_description(pugi::xml_node item) {
  return {xml::text(item, "resourceId"), xml::text(item, "resourceType"), xml::text(item, "key"),
          xml::text(item, "value")};
}

}  // namespace spawn::aws
