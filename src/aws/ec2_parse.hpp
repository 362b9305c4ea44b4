// EC2 XML answers mapped to the typed structs. Element names are the model's
// lowerCamel locationNames (PublicIpAddress is <ipAddress>, State is
// <instanceState>, Tags is <tagSet>), lists are <item> children, and old or
// prefixed namespaces read the same because lookups use local names. Missing
// elements read as empty values: AWS omits what does not apply (no public IP
// while pending, no tags), so absence is not an error here.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/ec2_image_key_types.hpp"
#include "aws/ec2_instance_types.hpp"
#include "aws/ec2_misc_types.hpp"
#include "aws/ec2_network_types.hpp"
#include "aws/ec2_types.hpp"
#include "aws/query_protocol.hpp"
#include "aws/xml.hpp"

namespace spawn::aws {

// The call's error, or its answer mapped through parse(result element).
template <class Parse>
auto parse_answer(Result<XmlResponse> answer, Parse parse)
    -> Result<decltype(parse(pugi::xml_node{}))> {
  if (!answer)
    return std::unexpected(std::move(answer.error()));
  return parse(answer->result());
}

// Calls parse(item) for each <item> of the list at `path` below `parent`.
template <class Parse>
auto parse_items(pugi::xml_node parent, std::string_view path, Parse parse) {
  std::vector<decltype(parse(pugi::xml_node{}))> parsed;
  for (pugi::xml_node item : xml::list(parent, path))
    parsed.push_back(parse(item));
  return parsed;
}

// A page whose items are the list at `path` of the answer `result`, and its <nextToken>.
template <class Parse>
auto parse_page(pugi::xml_node result, std::string_view path, Parse parse) {
  return Page<decltype(parse(pugi::xml_node{}))>{parse_items(result, path, parse),
                                                 xml::text(result, "nextToken")};
}

// Parsers of a whole answer, for parse_answer: the page of items at `path`...
template <class Parse>
auto page_of(std::string_view path, Parse parse) {
  return [path, parse](pugi::xml_node result) { return parse_page(result, path, parse); };
}
// ...all items at `path` (unpaginated lists)...
template <class Parse>
auto items_of(std::string_view path, Parse parse) {
  return [path, parse](pugi::xml_node result) { return parse_items(result, path, parse); };
}
// ...the one structure at `path` (CreateVpc's <vpc>)...
template <class Parse>
auto child_of(std::string_view path, Parse parse) {
  return [path, parse](pugi::xml_node result) { return parse(xml::child(result, path)); };
}
// ...or the text at `path` (CreateImage's <imageId>).
inline auto text_of(std::string path) {
  return [path = std::move(path)](pugi::xml_node result) { return xml::text(result, path); };
}

// The integer at `path`, 0 when absent or malformed.
int parse_int(pugi::xml_node parent, std::string_view path);
// The boolean at `path`, false when absent or malformed.
bool parse_flag(pugi::xml_node parent, std::string_view path);

// The <tagSet> of `parent`.
std::vector<Tag> parse_tag_set(pugi::xml_node parent);
InstanceState parse_instance_state(pugi::xml_node state);
Instance parse_instance(pugi::xml_node item);
// A reservation (<reservationSet><item>, or the RunInstances answer itself).
Reservation parse_reservation(pugi::xml_node reservation);
InstanceStateChange parse_state_change(pugi::xml_node item);
InstanceStatus parse_instance_status(pugi::xml_node item);
TagDescription parse_tag_description(pugi::xml_node item);

Region parse_region(pugi::xml_node item);
AvailabilityZone parse_availability_zone(pugi::xml_node item);
InstanceTypeInfo parse_instance_type_info(pugi::xml_node item);
Image parse_image(pugi::xml_node item);
KeyPair parse_key_pair(pugi::xml_node item);
// Fails when the price is not a number.
Result<SpotPrice> parse_spot_price(pugi::xml_node item);

Vpc parse_vpc(pugi::xml_node item);
Subnet parse_subnet(pugi::xml_node item);
InternetGateway parse_internet_gateway(pugi::xml_node item);
RouteTable parse_route_table(pugi::xml_node item);
SecurityGroup parse_security_group(pugi::xml_node item);
PlacementGroup parse_placement_group(pugi::xml_node item);

}  // namespace spawn::aws
