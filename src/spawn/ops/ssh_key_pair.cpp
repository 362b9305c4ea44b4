#include "spawn/ops/ssh_key_pair.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "spawn/ops/ssh_key_fingerprint.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace spawn::ops {
namespace {

constexpr std::size_t kNameHashDigits = 8;
constexpr std::string_view kDuplicateCode = "InvalidKeyPair.Duplicate";

std::vector<aws::Tag> imported_key_tags() {
  return {{"spawn:imported", "true"}, {"spawn:keep", "true"}, {"spawn:created-by", "spawn"}};
}

// The base64 field of a public key line (LocalKey's line was checked when it was read).
std::string key_text(std::string_view line) {
  auto parsed = parse_public_key_line(line);
  return parsed ? parsed->blob_base64 : std::string(trim(line));
}

bool is_duplicate(const Error& error) {
  return error.aws && error.aws->code == kDuplicateCode;
}

// The key pair `name` exists already: fine when it holds `key` (a concurrent launch
// imported it), a conflict when it holds another.
Result<std::string> existing_key_pair(aws::Ec2Client& ec2, const LocalKey& key,
                                      const std::string& name) {
  auto found = ec2.describe_key_pairs({.key_names = {name}, .filters = {}});
  if (!found)
    return std::unexpected(found.error());
  bool same_key = std::any_of(found->begin(), found->end(), [&](const aws::KeyPair& pair) {
    return pair.key_name == name && pair.fingerprint == key.fingerprint;
  });
  if (same_key)
    return name;
  return fail(ErrorKind::conflict,
              fmt::format("the EC2 key pair {} in this region holds another key than {}", name,
                          key.public_key.string()),
              fmt::format("If that key pair is a stale copy, delete it (aws ec2 delete-key-pair "
                          "--key-name {}); or pass --key-pair with the name of a key pair to use.",
                          name));
}

}  // namespace

std::string key_pair_name(const LocalKey& key, std::string_view username) {
  std::string hash = sha256_hex(key_text(key.public_key_line)).substr(0, kNameHashDigits);
  return fmt::format("spawn-{}-{}", username, hash);
}

Result<std::optional<std::string>> find_key_pair(aws::Ec2Client& ec2, const LocalKey& key) {
  aws::DescribeKeyPairsRequest request{.key_names = {},
                                       .filters = {{"fingerprint", {key.fingerprint}}}};
  auto found = ec2.describe_key_pairs(request);
  if (!found)
    return std::unexpected(found.error());
  if (found->empty())
    return std::nullopt;
  return found->front().key_name;
}

Result<std::string> import_key_pair(aws::Ec2Client& ec2, const LocalKey& key,
                                    std::string_view username) {
  std::string name = key_pair_name(key, username);
  aws::ImportKeyPairRequest request{.key_name = name,
                                    .public_key_material = key.public_key_line,
                                    .tag_specifications = {{"key-pair", imported_key_tags()}}};
  auto imported = ec2.import_key_pair(request);
  if (imported)
    return name;
  if (is_duplicate(imported.error()))
    return existing_key_pair(ec2, key, name);
  return std::unexpected(imported.error());
}

}  // namespace spawn::ops
