// Parameters of a query-protocol request (EC2, IAM, STS), decoded from the
// form body. Lists arrive flattened (`InstanceId.1`, `Filter.2.Value.1`,
// `Tags.member.3.Key`) in any order, so readers look them up by name rather
// than by position.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace spawn::localcloud {

class FormParams {
 public:
  FormParams() = default;
  // Decodes "a=1&b=x+y" (application/x-www-form-urlencoded). Fails on a broken %-escape.
  static Result<FormParams> parse(std::string_view body);

  std::optional<std::string> get(std::string_view name) const;
  // The value, or `fallback` when absent.
  std::string get_or(std::string_view name, std::string_view fallback) const;
  bool has(std::string_view name) const { return get(name).has_value(); }
  // "true"/"false" (case-insensitive); absent gives `fallback`.
  bool get_bool(std::string_view name, bool fallback = false) const;
  // Values of `prefix.1`, `prefix.2`, ... in index order ("InstanceId" or "Names.member").
  std::vector<std::string> list(std::string_view prefix) const;
  // The sub-parameters of each `prefix.N.` member in index order, with the prefix removed
  // ("Filter" gives one FormParams per filter holding "Name" and "Value.1", ...).
  std::vector<FormParams> structs(std::string_view prefix) const;
  // The sub-parameters under `prefix.` ("MetadataOptions" gives "HttpTokens", ...).
  FormParams sub(std::string_view prefix) const;
  bool empty() const { return values_.empty(); }
  const std::map<std::string, std::string, std::less<>>& values() const { return values_; }
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace spawn::localcloud
