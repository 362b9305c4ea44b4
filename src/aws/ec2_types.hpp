// The vocabulary every EC2 operation shares: filters, tags-on-create and dry
// runs (tags and pages are common_types.hpp). Every member of the EC2
// request and answer structs has a default initializer, so callers name only
// what they set ({.image_id = "ami-1"}) without -Wmissing-field-initializers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/common_types.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// Tags applied by a Create* call to the resource it creates, so that nothing
// exists untagged even for a moment.
struct TagSpecification {
  std::string resource_type{};  // "instance", "volume", "vpc", "security-group", ...
  std::vector<Tag> tags{};
};

// DryRun::yes asks AWS to check permissions and parameters without acting; the
// answer is then always an error, DryRunOperation when the call would have succeeded.
enum class DryRun { no, yes };

// True when `error` is AWS saying a dry run would have succeeded.
bool is_dry_run_ok(const Error& error);

// The usual input of a Describe call: resources by id (all when empty), filters and paging.
struct DescribeRequest {
  std::vector<std::string> ids{};
  std::vector<Filter> filters{};
  PageRequest page{};
};

}  // namespace spawn::aws
