// The metadata tree. Directory paths answer with their entries one per line,
// sub-directories with a trailing '/', whether or not the request had the slash.
// Entries that do not apply to this instance are left out of listings and answer
// 404, as on EC2: public-ipv4 without a public address, iam/ without a role,
// spot/ before an interruption notice, tags/ unless InstanceMetadataTags is
// enabled.
#include "localcloud/instances/imds_paths.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "localcloud/instances/imds_documents.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {

namespace {

constexpr int kNotFound = 404;
constexpr int kServerError = 500;
constexpr std::string_view kMetaData = "/latest/meta-data";
constexpr std::string_view kDynamic = "/latest/dynamic";

PathAnswer not_found() {
  return std::unexpected(kNotFound);
}

PathAnswer listing(const std::vector<std::string_view>& entries) {
  std::string text;
  for (auto entry : entries) {
    text += (text.empty() ? "" : "\n") + std::string(entry);
  }
  return text;
}

// `path` without the `prefix` and without slashes at either end; nullopt when
// `path` is not `prefix` or below it.
std::optional<std::string_view> below(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix) || (path.size() > prefix.size() && path[prefix.size()] != '/')) {
    return std::nullopt;
  }
  auto rest = path.substr(prefix.size());
  while (rest.starts_with('/')) {
    rest.remove_prefix(1);
  }
  while (rest.ends_with('/')) {
    rest.remove_suffix(1);
  }
  return rest;
}

struct SpotNotice {
  std::string action;
  std::string time;
};

std::optional<SpotNotice> spot_notice(const InstanceMetadata& metadata) {
  if (!metadata.spot_instance_action) {
    return std::nullopt;
  }
  auto json = nlohmann::json::parse(*metadata.spot_instance_action, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return std::nullopt;
  }
  return SpotNotice{json.value("action", ""), json.value("time", "")};
}

PathAnswer meta_data_listing(const InstanceMetadata& metadata) {
  std::vector<std::string_view> entries{"ami-id", "ami-launch-index", "hostname"};
  if (!metadata.role_name.empty()) {
    entries.push_back("iam/");
  }
  // One by one: GCC 12 at -O2 misreads a range insert of string_views as an overflow.
  for (std::string_view entry : {"instance-id", "instance-life-cycle", "instance-type",
                                 "local-hostname", "local-ipv4", "mac", "placement/"}) {
    entries.push_back(entry);
  }
  if (!metadata.public_ip.empty()) {
    entries.push_back("public-ipv4");
  }
  if (metadata.spot_instance_action) {
    entries.push_back("spot/");
  }
  if (metadata.tags_enabled) {
    entries.push_back("tags/");
  }
  return listing(entries);
}

std::optional<std::string> scalar_item(std::string_view item, const InstanceMetadata& metadata) {
  if (item == "ami-id")
    return metadata.image_id;
  if (item == "ami-launch-index")
    return "0";
  if (item == "hostname" || item == "local-hostname") {
    return ec2_hostname(metadata.private_ip, metadata.region);
  }
  if (item == "instance-id")
    return metadata.instance_id;
  if (item == "instance-life-cycle")
    return metadata.spot ? "spot" : "on-demand";
  if (item == "instance-type")
    return metadata.instance_type;
  if (item == "local-ipv4")
    return metadata.private_ip;
  if (item == "mac")
    return mac_address(metadata.instance_id);
  if (item == "public-ipv4" && !metadata.public_ip.empty())
    return metadata.public_ip;
  if (item == "placement")
    return "availability-zone\nregion";
  if (item == "placement/availability-zone")
    return metadata.availability_zone;
  if (item == "placement/region")
    return metadata.region;
  return std::nullopt;
}

PathAnswer tags_item(std::string_view item, const InstanceMetadata& metadata) {
  if (!metadata.tags_enabled) {
    return not_found();
  }
  if (item == "tags") {
    return "instance";
  }
  auto key = below(item, "tags/instance");
  if (!key) {
    return not_found();
  }
  if (key->empty()) {
    std::vector<std::string_view> keys;
    keys.reserve(metadata.tags.size());
    for (const auto& [name, value] : metadata.tags) {
      keys.push_back(name);
    }
    return listing(keys);
  }
  auto decoded = percent_decode(*key, PlusMeans::plus);
  auto tag = decoded ? metadata.tags.find(*decoded) : metadata.tags.end();
  return tag != metadata.tags.end() ? PathAnswer(tag->second) : not_found();
}

PathAnswer spot_item(std::string_view item, const InstanceMetadata& metadata) {
  auto notice = spot_notice(metadata);
  if (!notice) {
    return not_found();
  }
  bool terminating = notice->action == "terminate";
  if (item == "spot") {
    return terminating ? "instance-action\ntermination-time" : "instance-action";
  }
  if (item == "spot/instance-action") {
    return *metadata.spot_instance_action;
  }
  if (item == "spot/termination-time" && terminating) {
    return notice->time;
  }
  return not_found();
}

PathAnswer iam_item(std::string_view item, const ImdsView& view) {
  const auto& role = view.metadata.role_name;
  if (role.empty()) {
    return not_found();
  }
  if (item == "iam")
    return "info\nsecurity-credentials/";
  if (item == "iam/info")
    return iam_info_document(view.metadata, view.now);
  auto name = below(item, "iam/security-credentials");
  if (!name || (!name->empty() && *name != role)) {
    return not_found();
  }
  if (name->empty()) {
    return role;
  }
  auto key = view.credentials();
  if (!key) {
    return std::unexpected(kServerError);
  }
  return credentials_document(*key, view.now);
}

PathAnswer meta_data_item(std::string_view item, const ImdsView& view) {
  if (item.empty()) {
    return meta_data_listing(view.metadata);
  }
  if (auto scalar = scalar_item(item, view.metadata)) {
    return *scalar;
  }
  if (below(item, "tags"))
    return tags_item(item, view.metadata);
  if (below(item, "spot"))
    return spot_item(item, view.metadata);
  if (below(item, "iam"))
    return iam_item(item, view);
  return not_found();
}

PathAnswer dynamic_item(std::string_view item, const InstanceMetadata& metadata) {
  if (item.empty())
    return "instance-identity/";
  if (item == "instance-identity")
    return "document";
  if (item == "instance-identity/document")
    return identity_document(metadata);
  return not_found();
}

}  // namespace

PathAnswer answer_path(std::string_view path, const ImdsView& view) {
  path = path.substr(0, path.find('?'));
  if (path == "/") {
    return "latest";
  }
  if (auto item = below(path, kMetaData)) {
    return meta_data_item(*item, view);
  }
  if (auto item = below(path, kDynamic)) {
    return dynamic_item(*item, view.metadata);
  }
  if (auto item = below(path, "/latest")) {
    if (item->empty()) {
      return view.user_data.empty() ? "dynamic\nmeta-data" : "dynamic\nmeta-data\nuser-data";
    }
    if (*item == "user-data" && !view.user_data.empty()) {
      return std::string(view.user_data);
    }
  }
  return not_found();
}

}  // namespace spawn::localcloud
