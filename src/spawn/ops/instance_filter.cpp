#include "spawn/ops/instance_filter.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace spawn::ops {

namespace {

// Empty `wanted` matches anything.
bool field_matches(std::string_view wanted, std::string_view actual) {
  return wanted.empty() || wanted == actual;
}

std::string_view family_of(std::string_view instance_type) {
  return instance_type.substr(0, instance_type.find('.'));
}

bool tags_match(const InstanceFilter& filter, const ManagedInstance& instance) {
  return std::all_of(filter.tags.begin(), filter.tags.end(), [&](const auto& wanted) {
    return instance.tag(wanted.first) == wanted.second;
  });
}

}  // namespace

bool InstanceFilter::empty() const {
  return state.empty() && instance_type.empty() && family.empty() && name.empty() &&
         availability_zone.empty() && job_array_id.empty() && job_array_name.empty() &&
         tags.empty();
}

Result<std::pair<std::string, std::string>> parse_tag_filter(std::string_view text) {
  auto equals = text.find('=');
  if (equals == std::string_view::npos || equals == 0) {
    return fail(ErrorKind::usage, "--tag '" + std::string(text) + "' is not KEY=VALUE",
                "Write the tag as KEY=VALUE, for example --tag env=prod.");
  }
  return std::pair{std::string(text.substr(0, equals)), std::string(text.substr(equals + 1))};
}

bool matches(const InstanceFilter& filter, const ManagedInstance& instance) {
  const aws::Instance& ec2 = instance.instance;
  return field_matches(filter.state, instance.state()) &&
         field_matches(filter.instance_type, ec2.instance_type) &&
         field_matches(filter.family, family_of(ec2.instance_type)) &&
         (filter.name.empty() || iequals(filter.name, instance.name())) &&
         field_matches(filter.availability_zone, ec2.availability_zone) &&
         field_matches(filter.job_array_id,
                       instance.tag(instance_tag::job_array_id).value_or("")) &&
         field_matches(filter.job_array_name,
                       instance.tag(instance_tag::job_array_name).value_or("")) &&
         tags_match(filter, instance);
}

std::vector<ManagedInstance> apply_filter(const InstanceFilter& filter,
                                          std::vector<ManagedInstance> instances) {
  std::erase_if(instances,
                [&](const ManagedInstance& instance) { return !matches(filter, instance); });
  return instances;
}

}  // namespace spawn::ops
