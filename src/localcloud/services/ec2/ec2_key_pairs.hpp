// Key pairs (ec2_key_pairs.cpp). Documents, keyed by KeyPairId:
//   "key-pair"  KeyPairInfo: KeyPairId, KeyName, KeyFingerprint, KeyType ("rsa", "ed25519"),
//               PublicKey (the OpenSSH line with the key name as comment, as EC2 shows it),
//               CreateTime, Tags
#pragma once

#include <string_view>

#include "localcloud/services/ec2/ec2_operations.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

inline constexpr std::string_view kKeyPairKind = "key-pair";

// The key pair called `key_name` in `region` (staged), or nullptr.
Json* find_key_pair(Transaction& transaction, std::string_view region, std::string_view key_name);

// InvalidKeyPair.NotFound for a key name or id.
ApiError key_pair_not_found(std::string_view key);

void add_key_pair_operations(OperationTable& table, const Ec2Context& context);

}  // namespace spawn::localcloud
