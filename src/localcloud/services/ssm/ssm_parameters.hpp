// Where SSM parameters come from: the public parameters of the image catalog,
// which every region answers (ARN without an account, as AWS writes them), and
// the caller's own parameters, kept per region in the resource store as kind
// "parameter" keyed by Name: {Name, Type, Value, Version, LastModifiedDate
// (epoch seconds), DataType, Description}. Answers use the model's member
// names (Parameter: Name, Type, Value, Version, LastModifiedDate, ARN, DataType).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud::ssm {

inline constexpr std::string_view kParameterKind = "parameter";

// Whether SecureString values are answered in clear (WithDecryption) or hidden.
enum class Decryption { no, yes };

// Whether a path query reaches below the path's direct children.
enum class Depth { children, recursive };

// The parameter `name` as answered in `region`, or nullopt when it does not exist.
std::optional<Json> find_parameter(const ResourceStore& store, std::string_view region,
                                   std::string_view name, Decryption decryption);

// The parameters under `path` ("/aws/service/ami-amazon-linux-latest") in `region`,
// ordered by name.
std::vector<Json> parameters_under(const ResourceStore& store, std::string_view region,
                                   std::string_view path, Depth depth, Decryption decryption);

// "arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>".
std::string parameter_arn(std::string_view region, std::string_view account, std::string_view name);

}  // namespace spawn::localcloud::ssm
