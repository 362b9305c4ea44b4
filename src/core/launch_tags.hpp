// The tags `spawn launch` writes on an instance and its volumes in RunInstances
// (spec §3.11, §3.14). They are how spored learns its limits and how every other
// command recognises what spawn launched, so the keys here are the ones spored and
// `spawn list` read. Durations are written in format_duration's compact spelling,
// which spored's parser reads back exactly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/duration.hpp"
#include "core/tag.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn {

// This instance's place in a job array (`--count N`, N > 1).
struct JobArrayMember {
  std::string id;    // "<name>-<YYYYMMDD>-<6 hex>"
  std::string name;  // --job-array-name
  int size = 0;
  int index = 0;  // 0-based
  SystemTime created{};
};

// What a launch knows that ends up in tags; empty or absent values write no tag.
struct LaunchTagInput {
  std::string account_id;  // 12 digits, from STS GetCallerIdentity
  std::string caller_arn;  // likewise; written as spawn:iam-user
  std::string name;        // the Name tag
  std::optional<Milliseconds> ttl;
  std::optional<Milliseconds> idle_timeout;
  std::optional<double> idle_cpu_percent;
  bool hibernate_on_idle = false;
  std::string on_complete;  // terminate, stop or hibernate (checked by the caller)
  std::string completion_file;
  std::optional<Milliseconds> completion_delay;
  std::optional<Milliseconds> session_timeout;  // zero turns shell auto-logout off
  std::string command;                          // --command, run after bootstrap
  std::optional<JobArrayMember> job_array;
};

// The account id in base 36, lowercase ("942542972736" -> "c0zxr0ao"): spawn's short
// per-account name (DNS labels, bucket names). ErrorKind::usage unless exactly 12 digits.
Result<std::string> account_base36(std::string_view account_id);

// The full tag list for the instance and its volumes. Errors (ErrorKind::usage) for a bad
// account id or a tag AWS would refuse (check_tag_limits), naming the tag.
Result<std::vector<Tag>> launch_tags(const LaunchTagInput& input);

}  // namespace spawn
