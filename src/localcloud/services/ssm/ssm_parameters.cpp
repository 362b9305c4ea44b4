#include "localcloud/services/ssm/ssm_parameters.hpp"

#include <algorithm>

#include "localcloud/api/api.hpp"
#include "localcloud/catalog/public_images.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud::ssm {
namespace {

// When the catalog's public parameters last changed (2024-11-21T00:00:00Z), and their version.
constexpr long long kPublicModified = 1732147200;
constexpr long long kPublicVersion = 1;

Json public_parameter(const PublicImage& image, std::string_view region) {
  return Json{{"Name", image.ssm_parameter},
              {"Type", "String"},
              {"Value", image.image_id},
              {"Version", kPublicVersion},
              {"LastModifiedDate", kPublicModified},
              {"ARN", parameter_arn(region, "", image.ssm_parameter)},
              {"DataType", "aws:ec2:image"}};
}

// A stored parameter as answered. Without decryption a SecureString's value stands in for
// the ciphertext AWS would send: opaque, but not the secret.
Json user_parameter(const Json& document, std::string_view region, Decryption decryption) {
  std::string value = document.value("Value", "");
  if (document.value("Type", "") == "SecureString" && decryption == Decryption::no)
    value = base64_encode("localcloud-kms:" + value);
  return Json{{"Name", document.value("Name", "")},
              {"Type", document.value("Type", "String")},
              {"Value", value},
              {"Version", document.value("Version", 1)},
              {"LastModifiedDate", document.value("LastModifiedDate", 0)},
              {"ARN", parameter_arn(region, kAccountId, document.value("Name", ""))},
              {"DataType", document.value("DataType", "text")}};
}

// Whether `name` lies under `path` (normalised: no trailing slash except for "/") at `depth`.
bool is_under(std::string_view name, std::string_view path, Depth depth) {
  std::string prefix = path == "/" ? "/" : std::string(path) + "/";
  if (!name.starts_with(prefix) || name.size() == prefix.size())
    return false;
  return depth == Depth::recursive ||
         name.substr(prefix.size()).find('/') == std::string_view::npos;
}

}  // namespace

std::optional<Json> find_parameter(const ResourceStore& store, std::string_view region,
                                   std::string_view name, Decryption decryption) {
  if (const PublicImage* image = find_public_image_by_parameter(name))
    return public_parameter(*image, region);
  auto document = store.get(region, kParameterKind, name);
  if (!document)
    return std::nullopt;
  return user_parameter(*document, region, decryption);
}

std::vector<Json> parameters_under(const ResourceStore& store, std::string_view region,
                                   std::string_view path, Depth depth, Decryption decryption) {
  if (path.size() > 1 && path.ends_with('/'))
    path.remove_suffix(1);
  std::vector<Json> found;
  // Public parameters live in AWS's namespace, not the caller's: only /aws/… paths see them.
  if (path.starts_with("/aws/") || path == "/aws") {
    for (const PublicImage& image : public_images()) {
      if (is_under(image.ssm_parameter, path, depth))
        found.push_back(public_parameter(image, region));
    }
  }
  store.read(region, kParameterKind, [&](const ResourceMap& documents) {
    for (const auto& [name, document] : documents) {
      if (is_under(name, path, depth))
        found.push_back(user_parameter(document, region, decryption));
    }
  });
  std::sort(found.begin(), found.end(),
            [](const Json& a, const Json& b) { return a.value("Name", "") < b.value("Name", ""); });
  return found;
}

std::string parameter_arn(std::string_view region, std::string_view account,
                          std::string_view name) {
  std::string_view relative = name.starts_with('/') ? name.substr(1) : name;
  return "arn:aws:ssm:" + std::string(region) + ":" + std::string(account) + ":parameter/" +
         std::string(relative);
}

}  // namespace spawn::localcloud::ssm
