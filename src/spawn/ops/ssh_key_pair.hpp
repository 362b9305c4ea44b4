// The user's local SSH key as an EC2 key pair (spec §3.7 [REC]): found by its
// fingerprint when it was imported before, under whatever name; otherwise imported
// as spawn-<user>-<8 hex of the key>, so two different keys never fight over one name,
// and tagged so that cleanup knows to keep it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/ec2.hpp"
#include "spawn/ops/ssh_key.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// "spawn-<username>-<first 8 hex digits of the SHA-256 of the key's base64 text>".
std::string key_pair_name(const LocalKey& key, std::string_view username);

// The name of a key pair in the client's region holding `key` (one DescribeKeyPairs call,
// filtered by fingerprint), or nullopt when there is none.
Result<std::optional<std::string>> find_key_pair(aws::Ec2Client& ec2, const LocalKey& key);

// Imports `key` as key_pair_name(key, username), tagged spawn:imported=true, spawn:keep=true
// and spawn:created-by=spawn, and returns the name. When that name exists already (another
// launch imported it at the same moment) it is returned if it holds the same key;
// otherwise ErrorKind::conflict.
Result<std::string> import_key_pair(aws::Ec2Client& ec2, const LocalKey& key,
                                    std::string_view username);

}  // namespace spawn::ops
