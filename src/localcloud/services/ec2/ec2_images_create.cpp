// CreateImage and DeregisterImage. An image records the instance it came from
// and that instance's architecture; it is "available" at once (AWS takes
// minutes, which nothing here needs to imitate). Names are unique among the
// caller's images of a region; public images cannot be deregistered.
#include <algorithm>
#include <cctype>

#include "localcloud/api/responses.hpp"
#include "localcloud/catalog/instance_types.hpp"
#include "localcloud/ids.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_images.hpp"
#include "localcloud/services/ec2/ec2_instance_document.hpp"
#include "localcloud/services/ec2/ec2_request.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::size_t kMinNameLength = 3;
constexpr std::size_t kMaxNameLength = 128;
constexpr std::string_view kNameSymbols = "()[] ./-'@_";
constexpr std::string_view kDefaultRootDevice = "/dev/xvda";
constexpr int kRootVolumeGiB = 8;

std::optional<ApiError> invalid_image_name(std::string_view name) {
  bool allowed = std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 ||
           kNameSymbols.find(static_cast<char>(c)) != std::string_view::npos;
  });
  if (allowed && name.size() >= kMinNameLength && name.size() <= kMaxNameLength)
    return std::nullopt;
  return client_error("InvalidAMIName.Malformed",
                      "AMI names must be between 3 and 128 characters long, and may contain "
                      "letters, numbers, '(', ')', '.', '-', '/' and '_'");
}

// The instance's architecture: its own record, its type's, its image's, or x86_64.
std::string architecture_of(Transaction& transaction, std::string_view region,
                            const Json& instance) {
  if (std::string recorded = text_member(instance, "Architecture"); !recorded.empty())
    return recorded;
  if (const InstanceTypeSpec* type = find_instance_type(text_member(instance, "InstanceType")))
    return std::string(architecture_name(type->architecture));
  if (auto image = find_image(transaction, region, text_member(instance, "ImageId")))
    return text_member(*image, "Architecture");
  return "x86_64";
}

std::expected<const Json*, ApiError> imageable_instance(Transaction& transaction,
                                                        std::string_view region,
                                                        const std::string& instance_id) {
  const Json* instance = transaction.find(region, kInstanceKind, instance_id);
  if (instance == nullptr)
    return std::unexpected(instances_not_found({instance_id}));
  InstanceState state = state_of(*instance);
  if (state == InstanceState::terminated || state == InstanceState::shutting_down) {
    return std::unexpected(client_error(
        "IncorrectInstanceState",
        "The instance '" + instance_id + "' is not in a state from which it can be imaged."));
  }
  return instance;
}

std::optional<ApiError> duplicate_name(Transaction& transaction, const ApiRequest& request,
                                       std::string_view name) {
  for (const Json* image : documents_of(transaction, request.region, kImageKind)) {
    if (text_member(*image, "Name") == name &&
        text_member(*image, "OwnerId") == owner_of(request)) {
      return client_error("InvalidAMIName.Duplicate", "AMI name " + std::string(name) +
                                                          " is already in use by AMI " +
                                                          text_member(*image, "ImageId"));
    }
  }
  return std::nullopt;
}

Json image_document(const ApiRequest& request, const Json& instance, std::string architecture,
                    const Ec2Tags& tags) {
  std::string name = request.params.get_or("Name", "");
  std::string root_device = text_member(instance, "RootDeviceName");
  if (root_device.empty())
    root_device = kDefaultRootDevice;
  Json root_volume{{"DeleteOnTermination", true},
                   {"SnapshotId", resource_id("snap")},
                   {"VolumeSize", kRootVolumeGiB},
                   {"VolumeType", "gp3"},
                   {"Encrypted", false}};
  return Json{
      {"ImageId", resource_id("ami")},
      {"ImageLocation", owner_of(request) + "/" + name},
      {"State", "available"},
      {"OwnerId", owner_of(request)},
      {"CreationDate", ec2_timestamp(request.time)},
      {"Public", false},
      {"Architecture", architecture},
      {"ImageType", "machine"},
      {"SourceInstanceId", text_member(instance, "InstanceId")},
      {"Name", name},
      {"Description", request.params.get_or("Description", "")},
      {"RootDeviceType", "ebs"},
      {"RootDeviceName", root_device},
      {"BlockDeviceMappings", Json::array({{{"DeviceName", root_device}, {"Ebs", root_volume}}})},
      {"VirtualizationType", "hvm"},
      {"Hypervisor", "xen"},
      {"EnaSupport", true},
      {"BootMode", architecture == "arm64" ? "uefi" : "uefi-preferred"},
      {"PlatformDetails", "Linux/UNIX"},
      {"UsageOperation", "RunInstances"},
      {"NoReboot", request.params.get_bool("NoReboot")},
      {"Tags", tags_to_json(tags)}};
}

ApiOutcome create_image_call(const Ec2Context& context, const ApiRequest& request) {
  auto instance_id = required(request.params, "InstanceId");
  auto name = required(request.params, "Name");
  if (!instance_id || !name)
    return std::unexpected(!instance_id ? instance_id.error() : name.error());
  if (auto invalid = invalid_image_name(*name))
    return std::unexpected(*invalid);
  auto tags = tags_for(request.params, "image", {"image", "snapshot"});
  if (!tags)
    return std::unexpected(tags.error());
  auto image =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<Json, ApiError> {
        auto instance = imageable_instance(transaction, request.region, *instance_id);
        if (!instance)
          return std::unexpected(instance.error());
        if (auto duplicate = duplicate_name(transaction, request, *name))
          return std::unexpected(*duplicate);
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        std::string architecture = architecture_of(transaction, request.region, **instance);
        Json created = image_document(request, **instance, architecture, *tags);
        transaction.put(request.region, kImageKind, text_member(created, "ImageId"), created);
        return created;
      });
  if (!image)
    return std::unexpected(image.error());
  Ec2Response response(request.operation, request.request_id);
  add_text(response.root(), "imageId", text_member(*image, "ImageId"));
  return response.finish();
}

ApiOutcome deregister_image_call(const Ec2Context& context, const ApiRequest& request) {
  auto image_id = required(request.params, "ImageId");
  if (!image_id)
    return std::unexpected(image_id.error());
  if (!is_image_id(*image_id))
    return std::unexpected(image_id_malformed(*image_id));
  auto removed =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        const Json* image = transaction.find(request.region, kImageKind, *image_id);
        if (image == nullptr && find_public_image_by_id(*image_id)) {
          return std::unexpected(
              client_error("InvalidAMIID.Unavailable",
                           "The image '" + *image_id +
                               "' is a public image you do not own; it cannot be deregistered"));
        }
        if (image == nullptr || text_member(*image, "OwnerId") != owner_of(request))
          return std::unexpected(image_not_found(*image_id));
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        transaction.erase(request.region, kImageKind, *image_id);
        return {};
      });
  if (!removed)
    return std::unexpected(removed.error());
  return ec2_return_true(request);
}

}  // namespace

void add_image_creation_operations(OperationTable& table, const Ec2Context& context) {
  table["CreateImage"] = with_context(context, create_image_call);
  table["DeregisterImage"] = with_context(context, deregister_image_call);
}

}  // namespace spawn::localcloud
