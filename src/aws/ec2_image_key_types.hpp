// Requests and answers of the EC2 image (AMI) and key pair operations.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/ec2_types.hpp"
#include "util/clock.hpp"

namespace spawn::aws {

struct DescribeImagesRequest {
  std::vector<std::string> image_ids{};
  std::vector<std::string> owners{};  // "amazon", "self", an account id
  std::vector<Filter> filters{};
  PageRequest page{};
};

struct Image {
  std::string image_id{};
  std::string name{};
  std::string description{};
  std::string architecture{};  // "x86_64", "arm64"
  std::optional<SystemTime> creation_date{};
  std::string state{};             // "pending", "available", "failed"
  std::string root_device_type{};  // "ebs"
  std::string root_device_name{};
  std::string owner_id{};
  std::vector<Tag> tags{};
};

enum class Reboot { yes, no };

struct CreateImageRequest {
  std::string instance_id{};
  std::string name{};
  std::string description{};
  Reboot reboot = Reboot::yes;  // Reboot::no images a running disk without stopping it
  std::vector<TagSpecification> tag_specifications{};
  DryRun dry_run = DryRun::no;
};

struct ImportKeyPairRequest {
  std::string key_name{};
  std::string public_key_material{};  // the OpenSSH public key line; base64-encoded on the wire
  std::vector<TagSpecification> tag_specifications{};
  DryRun dry_run = DryRun::no;
};

struct KeyPair {
  std::string key_name{};
  std::string key_pair_id{};
  std::string fingerprint{};
  std::string key_type{};  // "rsa", "ed25519"
  std::vector<Tag> tags{};
};

struct DescribeKeyPairsRequest {
  std::vector<std::string> key_names{};  // all when empty
  std::vector<Filter> filters{};
};

}  // namespace spawn::aws
