// DescribeVolumes over the EBS volumes RunInstances recorded, so their sizes,
// types and tags (TagSpecification "volume") can be read back.
#include "localcloud/services/ec2/ec2_describe.hpp"
#include "localcloud/services/ec2/ec2_filters.hpp"
#include "localcloud/services/ec2/ec2_instance_document.hpp"
#include "localcloud/services/ec2/ec2_instance_operations.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::size_t kMinResults = 5;
constexpr std::size_t kMaxResults = 500;

const XmlNames kVolumeNames{
    {"/State", "status"},
    {"/Attachments", "attachmentSet"},
    {"/Attachments/State", "status"},
};

const FilterTable& volume_filters() {
  static const FilterTable table{
      {"volume-id", member("/VolumeId")},
      {"status", member("/State")},
      {"availability-zone", member("/AvailabilityZone")},
      {"size", member("/Size")},
      {"volume-type", member("/VolumeType")},
      {"encrypted", member("/Encrypted")},
      {"attachment.instance-id", members_of("/Attachments", "/InstanceId")},
      {"attachment.device", members_of("/Attachments", "/Device")},
      {"attachment.status", members_of("/Attachments", "/State")},
      {"attachment.delete-on-termination", members_of("/Attachments", "/DeleteOnTermination")},
  };
  return table;
}

void add_volume(pugi::xml_node item, const Json& volume) {
  add_members(
      item, volume,
      {"VolumeId", "Size", "SnapshotId", "AvailabilityZone", "State", "CreateTime", "Attachments",
       "VolumeType", "Iops", "Encrypted", "MultiAttachEnabled", "Throughput", "Tags"},
      kVolumeNames);
}

ApiOutcome describe_volumes(const InstanceServices& services, const ApiRequest& request) {
  DescribeSpec spec{"VolumeId", volume_filters(),
                    [](const std::string& id) {
                      return client_error("InvalidVolume.NotFound",
                                          "The volume '" + id + "' does not exist.");
                    },
                    kMinResults, kMaxResults,
                    // The AWS CLI asks for 1000 by default; EC2 serves 500.
                    AboveMax::capped};
  auto selection = describe_stored(request, services.context.deps.store, kVolumeKind, spec);
  if (!selection)
    return std::unexpected(selection.error());
  return describe_answer(request, "volumeSet", *selection, add_volume);
}

}  // namespace

void add_volume_operations(OperationTable& table, const InstanceServices& services) {
  table["DescribeVolumes"] = [services](const ApiRequest& r) {
    return describe_volumes(services, r);
  };
}

}  // namespace spawn::localcloud
