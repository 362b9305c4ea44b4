#include "spawn/ops/group_sweep.hpp"

#include "aws/ec2.hpp"
#include "spawn/ops/own_client.hpp"
#include "spawn/ops/parallel.hpp"
#include "util/time_format.hpp"

namespace spawn::ops {

namespace {

const aws::Filter kNotTerminated{"instance-state-name",
                                 {"pending", "running", "shutting-down", "stopping", "stopped"}};

class Deadline {
 public:
  explicit Deadline(std::chrono::milliseconds budget)
      : end_(std::chrono::steady_clock::now() + budget) {}
  bool passed() const { return std::chrono::steady_clock::now() >= end_; }

 private:
  std::chrono::steady_clock::time_point end_;
};

// spawn's groups of the region, default groups left out.
Result<std::vector<aws::SecurityGroup>> spawn_groups(aws::Ec2Client& ec2) {
  auto groups = ec2.describe_security_groups_all({.filters = {{"tag:spawn:managed", {"true"}}}});
  if (groups)
    std::erase_if(*groups,
                  [](const aws::SecurityGroup& group) { return group.group_name == "default"; });
  return groups;
}

// The groups that instances not terminated use. Every such instance of the region is
// read, not only those using spawn's groups: that read needs no group ids, so it runs
// beside the read of the groups instead of after it.
Result<std::set<std::string>> groups_in_use(aws::Ec2Client& ec2) {
  auto instances = ec2.describe_instances_all({.filters = {kNotTerminated}});
  if (!instances)
    return std::unexpected(std::move(instances.error()));
  std::set<std::string> used;
  for (const auto& instance : *instances) {
    for (const auto& group : instance.security_groups)
      used.insert(group.group_id);
  }
  return used;
}

// When the group was first found unused, if a sweep has tagged it.
std::optional<SystemTime> unused_since(const aws::SecurityGroup& group) {
  auto text = aws::tag_value(group.tags, kUnusedSinceKey);
  if (!text)
    return std::nullopt;
  auto time = parse_iso8601(*text);
  return time ? std::optional<SystemTime>(*time) : std::nullopt;
}

struct Sorted {
  std::vector<std::string> to_mark;
  std::vector<std::string> to_unmark;
  std::vector<std::string> to_delete;
};

Sorted sort_groups(const std::vector<aws::SecurityGroup>& groups, const std::set<std::string>& used,
                   SystemTime now) {
  Sorted sorted;
  for (const auto& group : groups) {
    auto since = unused_since(group);
    bool tagged = aws::tag_value(group.tags, kUnusedSinceKey).has_value();
    if (used.contains(group.group_id)) {
      if (tagged)
        sorted.to_unmark.push_back(group.group_id);
    } else if (!since) {
      sorted.to_mark.push_back(group.group_id);
    } else if (now - *since >= kSweepGrace) {
      sorted.to_delete.push_back(group.group_id);
    }
  }
  return sorted;
}

void change_tags(aws::Ec2Client& ec2, const Sorted& sorted, SystemTime now, SweepReport& report) {
  if (!sorted.to_mark.empty()) {
    auto marked =
        ec2.create_tags(sorted.to_mark, {{std::string(kUnusedSinceKey), format_iso8601(now)}});
    if (marked)
      report.marked = sorted.to_mark;
    else
      report.failures.push_back(std::move(marked.error()));
  }
  if (!sorted.to_unmark.empty()) {
    auto unmarked = ec2.delete_tags(sorted.to_unmark, {std::string(kUnusedSinceKey)});
    if (unmarked)
      report.unmarked = sorted.to_unmark;
    else
      report.failures.push_back(std::move(unmarked.error()));
  }
}

void delete_groups(aws::Ec2Client& ec2, const std::vector<std::string>& ids,
                   const Deadline& deadline, SweepReport& report) {
  for (const auto& id : ids) {
    if (deadline.passed()) {
      report.out_of_time = true;
      return;
    }
    auto deleted = ec2.delete_security_group(id);
    if (deleted || deleted.error().kind == ErrorKind::not_found) {
      report.deleted.push_back(id);
    } else if (deleted.error().aws && deleted.error().aws->code == "DependencyViolation") {
      report.in_use.push_back(id);
    } else {
      report.failures.push_back(std::move(deleted.error()));
    }
  }
}

}  // namespace

Result<SweepReport> sweep_orphaned_groups(aws::AwsClient& regional_client,
                                          std::chrono::milliseconds budget,
                                          const std::set<std::string>& in_use) {
  const Deadline deadline(budget);
  // One round trip of reads, so that the sweep ends with the launch or list beside it.
  Result<std::vector<aws::SecurityGroup>> groups;
  Result<std::set<std::string>> used;
  run_all({[&] { groups = call_with_own<aws::Ec2Client>(regional_client, spawn_groups); },
           [&] { used = call_with_own<aws::Ec2Client>(regional_client, groups_in_use); }});
  if (!groups)
    return std::unexpected(std::move(groups.error()));
  SweepReport report;
  if (groups->empty())
    return report;
  if (!used)
    return std::unexpected(std::move(used.error()));
  used->insert(in_use.begin(), in_use.end());
  if (deadline.passed()) {
    report.out_of_time = true;
    return report;
  }
  const SystemTime now = regional_client.clock().now();
  Sorted sorted = sort_groups(*groups, *used, now);
  aws::Ec2Client ec2(regional_client);
  change_tags(ec2, sorted, now, report);
  delete_groups(ec2, sorted.to_delete, deadline, report);
  return report;
}

std::future<Result<SweepReport>> start_group_sweep(const aws::AwsClient& regional_client,
                                                   std::chrono::milliseconds budget,
                                                   std::set<std::string> in_use) {
  return std::async(std::launch::async,
                    [client = regional_client, budget, in_use = std::move(in_use)]() mutable {
                      return sweep_orphaned_groups(client, budget, in_use);
                    });
}

}  // namespace spawn::ops
