// Images (AMIs) and key pairs.
#include "aws/ec2.hpp"
#include "aws/ec2_params.hpp"
#include "aws/ec2_parse.hpp"
#include "aws/pagination.hpp"
#include "util/encoding.hpp"

namespace spawn::aws {

Result<Page<Image>> Ec2Client::describe_images(const DescribeImagesRequest& request) {
  QueryParams params;
  add_filters(params, request.filters);
  add_list(params, "ImageId", request.image_ids);
  add_list(params, "Owner", request.owners);
  add_page(params, request.page);
  return parse_answer(call("DescribeImages", params), page_of("imagesSet", parse_image));
}

Result<std::vector<Image>> Ec2Client::describe_images_all(const DescribeImagesRequest& request) {
  return collect_all_pages(request, [this](const auto& next) { return describe_images(next); });
}

Result<std::string> Ec2Client::create_image(const CreateImageRequest& request) {
  QueryParams params = resource_params("InstanceId", request.instance_id, request.dry_run);
  params.add_if("Description", request.description);
  params.add("Name", request.name);
  if (request.reboot == Reboot::no)
    add_bool(params, "NoReboot", true);
  add_tag_specifications(params, request.tag_specifications);
  return parse_answer(call("CreateImage", params), text_of("imageId"));
}

Result<void> Ec2Client::deregister_image(const std::string& image_id, DryRun dry_run) {
  return call_for_success("DeregisterImage", resource_params("ImageId", image_id, dry_run));
}

Result<KeyPair> Ec2Client::import_key_pair(const ImportKeyPairRequest& request) {
  QueryParams params = resource_params("KeyName", request.key_name, request.dry_run);
  // A blob in the model: the query protocol sends blobs base64-encoded.
  params.add("PublicKeyMaterial", base64_encode(request.public_key_material));
  add_tag_specifications(params, request.tag_specifications);
  return parse_answer(call("ImportKeyPair", params), parse_key_pair);
}

Result<std::vector<KeyPair>> Ec2Client::describe_key_pairs(const DescribeKeyPairsRequest& request) {
  QueryParams params;
  add_filters(params, request.filters);
  add_list(params, "KeyName", request.key_names);
  return parse_answer(call("DescribeKeyPairs", params), items_of("keySet", parse_key_pair));
}

Result<void> Ec2Client::delete_key_pair(const std::string& key_name, DryRun dry_run) {
  return call_for_success("DeleteKeyPair", resource_params("KeyName", key_name, dry_run));
}

}  // namespace spawn::aws
