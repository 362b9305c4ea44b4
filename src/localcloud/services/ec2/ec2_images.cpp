// DescribeImages over the catalog's public images (the same ids in every
// region) and the images CreateImage stored in the request's region, with
// Owner.N (self, amazon, an account id), ImageId.N, filters and paging.
#include "localcloud/services/ec2/ec2_images.hpp"

#include <algorithm>
#include <cctype>

#include "localcloud/services/ec2/ec2_describe.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "localcloud/services/ec2/ec2_key_pairs.hpp"

namespace spawn::localcloud {
namespace {

// The account Amazon publishes its Amazon Linux images from.
constexpr std::string_view kAmazonAccountId = "137112412989";
// When the catalog's public images were published (their names carry 2024-11-20/21).
constexpr std::string_view kPublicImageDate = "2024-11-21T00:00:00.000Z";
constexpr int kRootVolumeGiB = 8;

const FilterTable kImageFilters{
    {"image-id", member("/ImageId")},
    {"name", member("/Name")},
    {"description", member("/Description")},
    {"architecture", member("/Architecture")},
    {"state", member("/State")},
    {"owner-id", member("/OwnerId")},
    {"owner-alias", member("/ImageOwnerAlias")},
    {"is-public", member("/Public")},
    {"image-type", member("/ImageType")},
    {"root-device-type", member("/RootDeviceType")},
    {"root-device-name", member("/RootDeviceName")},
    {"virtualization-type", member("/VirtualizationType")},
    {"hypervisor", member("/Hypervisor")},
    {"ena-support", member("/EnaSupport")},
    {"boot-mode", member("/BootMode")},
    {"creation-date", member("/CreationDate")},
    {"block-device-mapping.snapshot-id", members_of("/BlockDeviceMappings", "/Ebs/SnapshotId")},
    {"block-device-mapping.device-name", members_of("/BlockDeviceMappings", "/DeviceName")},
};

void render_image(pugi::xml_node parent, const Json& image) {
  add_members(parent, image,
              {"ImageId",
               "ImageLocation",
               "State",
               "OwnerId",
               "CreationDate",
               "Public",
               "Architecture",
               "ImageType",
               "SourceInstanceId",
               "Name",
               "Description",
               "ImageOwnerAlias",
               "RootDeviceType",
               "RootDeviceName",
               "BlockDeviceMappings",
               "VirtualizationType",
               "Hypervisor",
               "EnaSupport",
               "BootMode",
               "PlatformDetails",
               "UsageOperation",
               "Tags"},
              {{"/State", "imageState"},
               {"/OwnerId", "imageOwnerId"},
               {"/Public", "isPublic"},
               {"/BlockDeviceMappings", "blockDeviceMapping"}});
}

std::optional<ApiError> malformed_image_id(const std::vector<std::string>& image_ids) {
  for (const std::string& image_id : image_ids) {
    if (!is_image_id(image_id))
      return image_id_malformed(image_id);
  }
  return std::nullopt;
}

bool owned_by(const Json& image, const std::string& owner, const std::string& caller) {
  if (owner == "self")
    return text_member(image, "OwnerId") == caller;
  return text_member(image, "OwnerId") == owner || text_member(image, "ImageOwnerAlias") == owner;
}

// Every image the request may see, restricted to the owners it names.
ResourceMap visible_images(const Ec2Context& context, const ApiRequest& request) {
  ResourceMap images;
  for (const PublicImage& image : public_images())
    images.emplace(std::string(image.image_id), public_image_document(image));
  context.deps.store.read(request.region, kImageKind, [&](const ResourceMap& stored) {
    images.insert(stored.begin(), stored.end());
  });
  std::vector<std::string> owners = request.params.list("Owner");
  if (owners.empty())
    return images;
  std::string caller = owner_of(request);
  std::erase_if(images, [&](const auto& entry) {
    return std::none_of(owners.begin(), owners.end(), [&](const std::string& owner) {
      return owned_by(entry.second, owner, caller);
    });
  });
  return images;
}

ApiOutcome describe_images_call(const Ec2Context& context, const ApiRequest& request) {
  DescribeSpec spec{"ImageId", kImageFilters,
                    [](const std::string& id) { return image_not_found(id); }};
  auto query = parse_describe(request.params, spec);
  if (!query)
    return std::unexpected(query.error());
  if (auto malformed = malformed_image_id(query->ids))
    return std::unexpected(*malformed);
  auto selection = select_documents(visible_images(context, request), *query, spec);
  if (!selection)
    return std::unexpected(selection.error());
  return describe_answer(request, "imagesSet", *selection, render_image);
}

std::string boot_mode_of(std::string_view architecture) {
  return architecture == "arm64" ? "uefi" : "uefi-preferred";
}

}  // namespace

Json public_image_document(const PublicImage& image) {
  std::string image_id(image.image_id);
  Json root_volume{{"DeleteOnTermination", true},
                   {"SnapshotId", "snap-" + image_id.substr(4)},
                   {"VolumeSize", kRootVolumeGiB},
                   {"VolumeType", "gp3"},
                   {"Encrypted", false}};
  return Json{
      {"ImageId", image_id},
      {"ImageLocation", std::string(image.owner_alias) + "/" + std::string(image.name)},
      {"State", "available"},
      {"OwnerId", kAmazonAccountId},
      {"CreationDate", kPublicImageDate},
      {"Public", true},
      {"Architecture", image.architecture},
      {"ImageType", "machine"},
      {"Name", image.name},
      {"Description", image.description},
      {"ImageOwnerAlias", image.owner_alias},
      {"RootDeviceType", "ebs"},
      {"RootDeviceName", "/dev/xvda"},
      {"BlockDeviceMappings", Json::array({{{"DeviceName", "/dev/xvda"}, {"Ebs", root_volume}}})},
      {"VirtualizationType", "hvm"},
      {"Hypervisor", "xen"},
      {"EnaSupport", true},
      {"BootMode", boot_mode_of(image.architecture)},
      {"PlatformDetails", "Linux/UNIX"},
      {"UsageOperation", "RunInstances"}};
}

std::optional<Json> find_image(Transaction& transaction, std::string_view region,
                               std::string_view image_id) {
  if (const Json* stored = transaction.find(region, kImageKind, image_id))
    return *stored;
  if (const PublicImage* image = find_public_image_by_id(image_id))
    return public_image_document(*image);
  return std::nullopt;
}

ApiError image_not_found(std::string_view image_id) {
  return client_error("InvalidAMIID.NotFound",
                      "The image id '[" + std::string(image_id) + "]' does not exist");
}

ApiError image_id_malformed(std::string_view image_id) {
  return client_error("InvalidAMIID.Malformed",
                      "Invalid id: \"" + std::string(image_id) + "\" (expecting \"ami-...\")");
}

bool is_image_id(std::string_view image_id) {
  constexpr std::string_view kPrefix = "ami-";
  if (!image_id.starts_with(kPrefix))
    return false;
  std::string_view digits = image_id.substr(kPrefix.size());
  return (digits.size() == 8 || digits.size() == 17) &&
         std::all_of(digits.begin(), digits.end(),
                     [](unsigned char c) { return std::isxdigit(c) != 0; });
}

void add_image_and_key_operations(OperationTable& table, const Ec2Context& context) {
  table["DescribeImages"] = with_context(context, describe_images_call);
  add_image_creation_operations(table, context);
  add_key_pair_operations(table, context);
}

}  // namespace spawn::localcloud
