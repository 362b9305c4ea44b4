#include "localcloud/instances/imds_documents.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "localcloud/api/api.hpp"
#include "util/crypto.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud {

namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view kIdentityDocumentVersion = "2017-09-30";
constexpr std::size_t kProfileIdLength = 17;
constexpr std::size_t kMacBytes = 5;  // after the fixed, locally administered 02:

// EC2 writes flat documents as `{\n  "Key" : value,\n ...\n}`.
std::string ec2_layout(const OrderedJson& document) {
  std::string text = "{";
  for (auto item = document.begin(); item != document.end(); ++item) {
    text += fmt::format("{}\n  {} : {}", item == document.begin() ? "" : ",",
                        OrderedJson(item.key()).dump(), item.value().dump());
  }
  return text + "\n}";
}

std::string profile_id_for(std::string_view role) {
  constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  auto digest = sha256(role);
  std::string id = "AIPA";
  for (std::size_t i = 0; i < kProfileIdLength; ++i) {
    id += kAlphabet[digest[i] % kAlphabet.size()];
  }
  return id;
}

}  // namespace

std::string credentials_document(const AccessKey& key, SystemTime last_updated) {
  OrderedJson document;
  document["Code"] = "Success";
  document["LastUpdated"] = format_iso8601(last_updated);
  document["Type"] = "AWS-HMAC";
  document["AccessKeyId"] = key.access_key_id;
  document["SecretAccessKey"] = key.secret_access_key;
  document["Token"] = key.session_token;
  document["Expiration"] = format_iso8601(key.expires.value_or(last_updated));
  return ec2_layout(document);
}

std::string iam_info_document(const InstanceMetadata& metadata, SystemTime last_updated) {
  OrderedJson document;
  document["Code"] = "Success";
  document["LastUpdated"] = format_iso8601(last_updated);
  document["InstanceProfileArn"] =
      fmt::format("arn:aws:iam::{}:instance-profile/{}", kAccountId, metadata.role_name);
  document["InstanceProfileId"] = profile_id_for(metadata.role_name);
  return ec2_layout(document);
}

std::string identity_document(const InstanceMetadata& metadata) {
  OrderedJson document;
  document["accountId"] = kAccountId;
  document["architecture"] = metadata.architecture;
  document["availabilityZone"] = metadata.availability_zone;
  document["billingProducts"] = nullptr;
  document["devpayProductCodes"] = nullptr;
  document["marketplaceProductCodes"] = nullptr;
  document["imageId"] = metadata.image_id;
  document["instanceId"] = metadata.instance_id;
  document["instanceType"] = metadata.instance_type;
  document["kernelId"] = nullptr;
  document["pendingTime"] = format_iso8601(metadata.launch_time);
  document["privateIp"] = metadata.private_ip;
  document["ramdiskId"] = nullptr;
  document["region"] = metadata.region;
  document["version"] = kIdentityDocumentVersion;
  return ec2_layout(document);
}

std::string ec2_hostname(std::string_view private_ip, std::string_view region) {
  std::string name = "ip-" + std::string(private_ip);
  std::ranges::replace(name, '.', '-');
  return region == "us-east-1" ? name + ".ec2.internal"
                               : fmt::format("{}.{}.compute.internal", name, region);
}

std::string mac_address(std::string_view instance_id) {
  auto digest = sha256(instance_id);
  std::string mac = "02";
  for (std::size_t i = 0; i < kMacBytes; ++i) {
    mac += fmt::format(":{:02x}", digest[i]);
  }
  return mac;
}

}  // namespace spawn::localcloud
