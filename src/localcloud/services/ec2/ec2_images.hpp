// Images (ec2_images*.cpp). The public images of the catalog answer in every
// region without being stored; images made by CreateImage are documents:
//   "image"  Image: ImageId, ImageLocation, Name, Description, Architecture, State, OwnerId,
//            Public, CreationDate, ImageType, RootDeviceName, RootDeviceType,
//            BlockDeviceMappings[{DeviceName, Ebs{SnapshotId, VolumeSize, VolumeType,
//            DeleteOnTermination, Encrypted}}], VirtualizationType, Hypervisor, EnaSupport,
//            BootMode, PlatformDetails, UsageOperation, SourceInstanceId, Tags; plus NoReboot
//            (whether CreateImage was asked not to reboot the instance)
#pragma once

#include <optional>
#include <string_view>

#include "localcloud/catalog/public_images.hpp"
#include "localcloud/services/ec2/ec2_operations.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

inline constexpr std::string_view kImageKind = "image";

// A public image in the shape of an "image" document.
Json public_image_document(const PublicImage& image);

// The image `image_id` as RunInstances sees it in `region`: a stored image or a public one.
std::optional<Json> find_image(Transaction& transaction, std::string_view region,
                               std::string_view image_id);

// InvalidAMIID.NotFound and InvalidAMIID.Malformed for `image_id`.
ApiError image_not_found(std::string_view image_id);
ApiError image_id_malformed(std::string_view image_id);

// Whether `image_id` looks like an AMI id ("ami-" and 8 or 17 hex digits).
bool is_image_id(std::string_view image_id);

void add_image_creation_operations(OperationTable& table, const Ec2Context& context);

}  // namespace spawn::localcloud
