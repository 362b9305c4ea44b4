#include "core/spored_role_policy.hpp"

#include <nlohmann/json.hpp>

namespace spawn {

namespace {

constexpr std::string_view kInstances = "arn:aws:ec2:*:*:instance/*";

nlohmann::json only_managed() {
  return {{"StringEquals", {{"aws:ResourceTag/spawn:managed", "true"}}}};
}

}  // namespace

std::string spored_role_policy() {
  auto record_condition = only_managed();
  record_condition["ForAllValues:StringEquals"] = {{"aws:TagKeys", kSporedRecordedTags}};
  nlohmann::json policy{
      {"Version", "2012-10-17"},
      {"Statement",
       {
           {{"Sid", "ReadOwnTagsAndJobArrayPeers"},
            {"Effect", "Allow"},
            // Describe calls cannot be limited to resources or tags.
            {"Action", {"ec2:DescribeTags", "ec2:DescribeInstances"}},
            {"Resource", "*"}},
           {{"Sid", "StopOrTerminateManagedInstances"},
            {"Effect", "Allow"},
            {"Action", {"ec2:StopInstances", "ec2:TerminateInstances"}},
            {"Resource", kInstances},
            {"Condition", only_managed()}},
           {{"Sid", "RecordWhyTheInstanceStopped"},
            {"Effect", "Allow"},
            {"Action", "ec2:CreateTags"},
            {"Resource", kInstances},
            {"Condition", record_condition}},
       }},
  };
  return policy.dump(2);
}

}  // namespace spawn
