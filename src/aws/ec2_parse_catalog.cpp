// Parsers for the look-up answers: regions, zones, instance types, images, key
// pairs and spot prices.
#include <fmt/format.h>

#include <charconv>

#include "aws/ec2_parse.hpp"
#include "util/strings.hpp"

namespace spawn::aws {

namespace {

std::string item_text(pugi::xml_node item) {
  return item.text().get();
}

GpuDevice parse_gpu_device(pugi::xml_node item) {
  return {parse_int(item, "count"), xml::text(item, "manufacturer"), xml::text(item, "name"),
          parse_int(item, "memoryInfo/sizeInMiB")};
}

}  // namespace

Region parse_region(pugi::xml_node item) {
  return {xml::text(item, "regionName"), xml::text(item, "regionEndpoint"),
          xml::text(item, "optInStatus")};
}

AvailabilityZone parse_availability_zone(pugi::xml_node item) {
  return {xml::text(item, "zoneName"), xml::text(item, "zoneId"), xml::text(item, "zoneState"),
          xml::text(item, "regionName"), xml::text(item, "zoneType")};
}

InstanceTypeInfo parse_instance_type_info(pugi::xml_node item) {
  InstanceTypeInfo info;
  info.instance_type = xml::text(item, "instanceType");
  info.current_generation = parse_flag(item, "currentGeneration");
  info.vcpus = parse_int(item, "vCpuInfo/defaultVCpus");
  info.memory_mib = xml::integer(item, "memoryInfo/sizeInMiB").value_or(0);
  info.architectures = parse_items(item, "processorInfo/supportedArchitectures", item_text);
  info.gpus = parse_items(item, "gpuInfo/gpus", parse_gpu_device);
  info.hibernation_supported = parse_flag(item, "hibernationSupported");
  info.usage_classes = parse_items(item, "supportedUsageClasses", item_text);
  return info;
}

Image parse_image(pugi::xml_node item) {
  Image image;
  image.image_id = xml::text(item, "imageId");
  image.name = xml::text(item, "name");
  image.description = xml::text(item, "description");
  image.architecture = xml::text(item, "architecture");
  image.creation_date = xml::timestamp(item, "creationDate");
  image.state = xml::text(item, "imageState");
  image.root_device_type = xml::text(item, "rootDeviceType");
  image.root_device_name = xml::text(item, "rootDeviceName");
  image.owner_id = xml::text(item, "imageOwnerId");
  image.tags = parse_tag_set(item);
  return image;
}

KeyPair parse_key_pair(pugi::xml_node item) {
  return {xml::text(item, "keyName"), xml::text(item, "keyPairId"),
          xml::text(item, "keyFingerprint"), xml::text(item, "keyType"), parse_tag_set(item)};
}

Result<SpotPrice> parse_spot_price(pugi::xml_node item) {
  SpotPrice price{xml::text(item, "instanceType"), xml::text(item, "productDescription"),
                  xml::text(item, "availabilityZone"), 0, xml::timestamp(item, "timestamp")};
  const std::string text = xml::text(item, "spotPrice");
  std::string_view digits = trim(text);
  auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), price.price_per_hour);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size())
    return fail(ErrorKind::parse, fmt::format("EC2 spot price '{}' is not a number", text));
  return price;
}

}  // namespace spawn::aws
