// Key pairs: ImportKeyPair (an OpenSSH public key, base64-encoded on the wire),
// CreateKeyPair (localcloud makes the key and hands out its private half once),
// DescribeKeyPairs (by name, id or filter; the public key on request) and
// DeleteKeyPair (by name or id; deleting an absent key succeeds, as on AWS).
#include "localcloud/services/ec2/ec2_key_pairs.hpp"

#include "localcloud/api/responses.hpp"
#include "localcloud/ids.hpp"
#include "localcloud/services/ec2/ec2_describe.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_instance_document.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "localcloud/services/ec2/ec2_key_material.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::size_t kMaxKeyNameLength = 255;

const FilterTable kKeyPairFilters{
    {"key-pair-id", member("/KeyPairId")},
    {"key-name", member("/KeyName")},
    {"fingerprint", member("/KeyFingerprint")},
    {"key-type", member("/KeyType")},
};

void render_key_pair(pugi::xml_node parent, const Json& key_pair, bool include_public_key) {
  add_members(parent, key_pair,
              {"KeyPairId", "KeyFingerprint", "KeyName", "KeyType", "Tags", "CreateTime"}, {});
  if (include_public_key)
    add_members(parent, key_pair, {"PublicKey"}, {});
}

ApiError invalid_key_format() {
  return client_error("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
}

std::expected<std::string, ApiError> key_name_of(const FormParams& params) {
  auto name = required(params, "KeyName");
  if (name && name->size() > kMaxKeyNameLength) {
    return std::unexpected(
        client_error("InvalidParameterValue", "Key pair names may be at most 255 characters long"));
  }
  return name;
}

std::expected<SshPublicKey, ApiError> public_key_of(const FormParams& params) {
  auto material = required(params, "PublicKeyMaterial");
  if (!material)
    return std::unexpected(material.error());
  auto line = base64_decode(*material);
  if (!line)
    return std::unexpected(invalid_key_format());
  auto key = parse_openssh_public_key(*line);
  if (!key)
    return std::unexpected(invalid_key_format());
  return *key;
}

Json key_pair_document(const ApiRequest& request, const std::string& name, const SshPublicKey& key,
                       std::string fingerprint, const Ec2Tags& tags) {
  return Json{{"KeyPairId", resource_id("key")},
              {"KeyName", name},
              {"KeyFingerprint", std::move(fingerprint)},
              {"KeyType", key_type_name(key.algorithm)},
              {"PublicKey", key.openssh_line + " " + name},
              {"CreateTime", ec2_timestamp(request.time)},
              {"Tags", tags_to_json(tags)}};
}

// Stores `key_pair` unless its name is taken; DryRun stops here.
std::expected<void, ApiError> store_key_pair(const Ec2Context& context, const ApiRequest& request,
                                             const Json& key_pair) {
  return context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
    std::string name = text_member(key_pair, "KeyName");
    if (find_key_pair(transaction, request.region, name)) {
      return std::unexpected(
          client_error("InvalidKeyPair.Duplicate", "The keypair '" + name + "' already exists."));
    }
    if (auto dry_run = dry_run_answer(request.params))
      return std::unexpected(*dry_run);
    transaction.put(request.region, kKeyPairKind, text_member(key_pair, "KeyPairId"), key_pair);
    return {};
  });
}

aws::HttpResponse key_pair_answer(const ApiRequest& request, const Json& key_pair,
                                  std::string_view private_key) {
  Ec2Response response(request.operation, request.request_id);
  add_text(response.root(), "keyName", text_member(key_pair, "KeyName"));
  add_text(response.root(), "keyFingerprint", text_member(key_pair, "KeyFingerprint"));
  if (!private_key.empty())
    add_text(response.root(), "keyMaterial", private_key);
  add_text(response.root(), "keyPairId", text_member(key_pair, "KeyPairId"));
  add_tag_set(response.root(), key_pair);
  return response.finish();
}

ApiOutcome import_key_pair_call(const Ec2Context& context, const ApiRequest& request) {
  auto name = key_name_of(request.params);
  if (!name)
    return std::unexpected(name.error());
  auto key = public_key_of(request.params);
  if (!key)
    return std::unexpected(key.error());
  auto fingerprint = imported_key_fingerprint(*key);
  if (!fingerprint)
    return std::unexpected(invalid_key_format());
  auto tags = tags_for(request.params, "key-pair", {"key-pair"});
  if (!tags)
    return std::unexpected(tags.error());
  Json key_pair = key_pair_document(request, *name, *key, *fingerprint, *tags);
  if (auto stored = store_key_pair(context, request, key_pair); !stored)
    return std::unexpected(stored.error());
  return key_pair_answer(request, key_pair, "");
}

std::expected<KeyAlgorithm, ApiError> key_algorithm_of(const FormParams& params) {
  std::string type = params.get_or("KeyType", "rsa");
  std::string format = params.get_or("KeyFormat", "pem");
  if (format != "pem") {
    return std::unexpected(
        client_error("InvalidParameterValue", "Value (" + format +
                                                  ") for parameter keyFormat is invalid. "
                                                  "localcloud hands out pem keys only."));
  }
  if (type == "rsa")
    return KeyAlgorithm::rsa;
  if (type == "ed25519")
    return KeyAlgorithm::ed25519;
  return std::unexpected(client_error("InvalidParameterValue",
                                      "Value (" + type + ") for parameter keyType is invalid."));
}

ApiOutcome create_key_pair_call(const Ec2Context& context, const ApiRequest& request) {
  auto name = key_name_of(request.params);
  if (!name)
    return std::unexpected(name.error());
  auto algorithm = key_algorithm_of(request.params);
  if (!algorithm)
    return std::unexpected(algorithm.error());
  auto tags = tags_for(request.params, "key-pair", {"key-pair"});
  if (!tags)
    return std::unexpected(tags.error());
  auto generated = generate_key_pair(*algorithm);
  if (!generated)
    return std::unexpected(server_error("InternalError", generated.error().message));
  Json key_pair =
      key_pair_document(request, *name, generated->public_key, generated->fingerprint, *tags);
  if (auto stored = store_key_pair(context, request, key_pair); !stored)
    return std::unexpected(stored.error());
  return key_pair_answer(request, key_pair, generated->private_key);
}

ApiOutcome describe_key_pairs_call(const Ec2Context& context, const ApiRequest& request) {
  DescribeSpec spec{"KeyPairId", kKeyPairFilters,
                    [](const std::string& id) { return key_pair_not_found(id); }, 0, 0};
  auto query = parse_describe(request.params, spec);
  if (!query)
    return std::unexpected(query.error());
  std::expected<DescribeSelection, ApiError> selection;
  context.deps.store.read(request.region, kKeyPairKind, [&](const ResourceMap& key_pairs) {
    for (const std::string& name : request.params.list("KeyName")) {
      auto named = std::find_if(key_pairs.begin(), key_pairs.end(), [&](const auto& entry) {
        return text_member(entry.second, "KeyName") == name;
      });
      if (named == key_pairs.end()) {
        selection = std::unexpected(key_pair_not_found(name));
        return;
      }
      query->ids.push_back(named->first);
    }
    selection = select_documents(key_pairs, *query, spec);
  });
  if (!selection)
    return std::unexpected(selection.error());
  bool include_public_key = request.params.get_bool("IncludePublicKey");
  return describe_answer(request, "keySet", *selection, [&](pugi::xml_node item, const Json& key) {
    render_key_pair(item, key, include_public_key);
  });
}

ApiOutcome delete_key_pair_call(const Ec2Context& context, const ApiRequest& request) {
  auto key_name = request.params.get("KeyName");
  auto key_pair_id = request.params.get("KeyPairId");
  if (!key_name && !key_pair_id) {
    return std::unexpected(client_error(
        "MissingParameter", "The request must contain the parameter KeyName or KeyPairId"));
  }
  auto deleted =
      context.deps.store.write([&](Transaction& transaction) -> std::expected<void, ApiError> {
        if (auto dry_run = dry_run_answer(request.params))
          return std::unexpected(*dry_run);
        const Json* key_pair = key_pair_id
                                   ? transaction.find(request.region, kKeyPairKind, *key_pair_id)
                                   : find_key_pair(transaction, request.region, *key_name);
        if (key_pair)
          transaction.erase(request.region, kKeyPairKind, text_member(*key_pair, "KeyPairId"));
        return {};
      });
  if (!deleted)
    return std::unexpected(deleted.error());
  return ec2_return_true(request);
}

}  // namespace

Json* find_key_pair(Transaction& transaction, std::string_view region, std::string_view key_name) {
  for (Json* key_pair : documents_of(transaction, region, kKeyPairKind)) {
    if (text_member(*key_pair, "KeyName") == key_name)
      return key_pair;
  }
  return nullptr;
}

ApiError key_pair_not_found(std::string_view key) {
  return client_error("InvalidKeyPair.NotFound",
                      "The key pair '" + std::string(key) + "' does not exist");
}

void add_key_pair_operations(OperationTable& table, const Ec2Context& context) {
  table["ImportKeyPair"] = with_context(context, import_key_pair_call);
  table["CreateKeyPair"] = with_context(context, create_key_pair_call);
  table["DescribeKeyPairs"] = with_context(context, describe_key_pairs_call);
  table["DeleteKeyPair"] = with_context(context, delete_key_pair_call);
}

}  // namespace spawn::localcloud
