#include "core/launch_tags.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "core/version.hpp"
#include "util/time_format.hpp"

namespace spawn {
namespace {

constexpr std::size_t kAccountIdDigits = 12;

void add_text(std::vector<Tag>& tags, std::string_view key, const std::string& value) {
  if (!value.empty())
    tags.push_back({std::string(key), value});
}

void add_duration(std::vector<Tag>& tags, std::string_view key,
                  const std::optional<Milliseconds>& duration) {
  if (duration)
    tags.push_back({std::string(key), format_duration(*duration)});
}

void add_job_array(std::vector<Tag>& tags, const JobArrayMember& member) {
  tags.push_back({"spawn:job-array-id", member.id});
  tags.push_back({"spawn:job-array-name", member.name});
  tags.push_back({"spawn:job-array-size", std::to_string(member.size)});
  tags.push_back({"spawn:job-array-index", std::to_string(member.index)});
  tags.push_back({"spawn:job-array-created", format_iso8601(member.created)});
}

}  // namespace

Result<std::string> account_base36(std::string_view account_id) {
  bool digits_only = std::all_of(account_id.begin(), account_id.end(),
                                 [](char c) { return c >= '0' && c <= '9'; });
  if (account_id.size() != kAccountIdDigits || !digits_only) {
    return fail(ErrorKind::usage,
                fmt::format("\"{}\" is not an AWS account id (12 digits)", account_id));
  }
  std::uint64_t number = std::stoull(std::string(account_id));
  std::string text;
  do {
    text.insert(text.begin(), "0123456789abcdefghijklmnopqrstuvwxyz"[number % 36]);
    number /= 36;
  } while (number > 0);
  return text;
}

Result<std::vector<Tag>> launch_tags(const LaunchTagInput& input) {
  auto base36 = account_base36(input.account_id);
  if (!base36)
    return std::unexpected(base36.error());
  std::vector<Tag> tags{
      {"spawn:managed", "true"},
      {"spawn:root", "true"},
      {"spawn:created-by", "spawn"},
      {"spawn:version", std::string(kVersion)},
      {"spawn:account-id", input.account_id},
      {"spawn:account-base36", *base36},
      {"spawn:iam-user", input.caller_arn},
  };
  add_text(tags, "Name", input.name);
  add_duration(tags, "spawn:ttl", input.ttl);
  add_duration(tags, "spawn:idle-timeout", input.idle_timeout);
  if (input.idle_cpu_percent)
    tags.push_back({"spawn:idle-cpu", fmt::format("{}", *input.idle_cpu_percent)});
  if (input.hibernate_on_idle)
    tags.push_back({"spawn:hibernate-on-idle", "true"});
  add_text(tags, "spawn:on-complete", input.on_complete);
  add_text(tags, "spawn:completion-file", input.completion_file);
  add_duration(tags, "spawn:completion-delay", input.completion_delay);
  add_duration(tags, "spawn:session-timeout", input.session_timeout);
  add_text(tags, "spawn:command", input.command);
  if (input.job_array)
    add_job_array(tags, *input.job_array);
  if (auto checked = check_tag_limits(tags); !checked)
    return std::unexpected(checked.error());
  return tags;
}

}  // namespace spawn
