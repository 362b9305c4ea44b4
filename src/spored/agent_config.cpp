// Reading spored's configuration from tags. Each tag is checked on its own and a
// refused value falls back as the header promises; the one fallback that depends on
// other tags (an unreadable TTL leaning on the idle timeout) runs after the idle
// timeout and hibernate tags have been read. Problem messages name no tag: a reader
// shows them after `<tag>="<value>" `.
#include "spored/agent_config.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <utility>

#include "util/strings.hpp"

namespace spawn::spored {
namespace {

constexpr std::string_view kTtlTag = "spawn:ttl";
constexpr std::string_view kIdleTimeoutTag = "spawn:idle-timeout";

// In the order of the enum.
constexpr std::array<std::pair<std::string_view, StopAction>, 3> kStopActions{{
    {"terminate", StopAction::terminate},
    {"stop", StopAction::stop},
    {"hibernate", StopAction::hibernate},
}};

// The tags, and the problems found while reading them.
class TagReader {
 public:
  TagReader(const Tags& tags, std::vector<ConfigProblem>& problems)
      : tags_(tags), problems_(problems) {}

  std::optional<std::string_view> get(std::string_view tag) const {
    auto it = tags_.find(std::string(tag));
    if (it == tags_.end())
      return std::nullopt;
    return it->second;
  }
  std::string text(std::string_view tag) const { return std::string(get(tag).value_or("")); }
  void refuse(std::string_view tag, std::string message) {
    problems_.push_back({std::string(tag), text(tag), std::move(message)});
  }

 private:
  const Tags& tags_;
  std::vector<ConfigProblem>& problems_;
};

// The whole of `text` as a number of type T, or nullopt.
template <class T>
std::optional<T> number_from(std::string_view text) {
  T value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

// Why `text` cannot name a file for spored to watch or run, or nullopt when it can.
std::optional<std::string> path_problem(std::string_view text) {
  if (!text.starts_with('/'))
    return "not an absolute path";
  if (text.find('\0') != std::string_view::npos)
    return "contains a NUL byte";
  for (const auto& part : split(text, '/')) {
    if (part == "..")
      return "contains \"..\"";
  }
  return std::nullopt;
}

// "true" or "false" in any case; anything else is refused with `fallback` and reads as false.
bool read_switch(TagReader& tags, std::string_view tag, std::string_view fallback) {
  auto value = tags.get(tag);
  if (!value || iequals(*value, "false"))
    return false;
  if (iequals(*value, "true"))
    return true;
  tags.refuse(tag, fmt::format("neither true nor false; {}", fallback));
  return false;
}

std::string_view idle_verb(const AgentConfig& config) {
  return config.hibernate_on_idle ? "hibernates" : "terminates";
}

// Returns whether the tag held a valid timeout: a refused one still leaves a timeout in force.
bool read_idle_timeout(TagReader& tags, const std::optional<AgentConfig>& previous,
                       AgentConfig& config) {
  auto value = tags.get(kIdleTimeoutTag);
  if (!value)
    return false;
  auto timeout = parse_duration(*value);
  if (timeout) {
    config.idle_timeout = *timeout;
    return true;
  }
  bool keep = previous && previous->idle_timeout;
  config.idle_timeout = keep ? *previous->idle_timeout : kFallbackIdleTimeout;
  tags.refuse(kIdleTimeoutTag, fmt::format("{}; {} {}", timeout.error().message,
                                           keep ? "keeping the previous idle timeout of" : "using",
                                           format_duration(*config.idle_timeout)));
  return false;
}

void read_ttl(TagReader& tags, const std::optional<AgentConfig>& previous, bool idle_timeout_valid,
              AgentConfig& config) {
  auto value = tags.get(kTtlTag);
  if (!value)
    return;
  auto ttl = parse_duration(*value);
  if (ttl) {
    config.ttl = *ttl;
    return;
  }
  std::string fallback;
  if (previous && previous->ttl) {
    config.ttl = previous->ttl;
    fallback = "keeping the previous TTL of " + format_duration(*config.ttl);
  } else if (idle_timeout_valid) {
    fallback =
        fmt::format("no earlier TTL to keep; the idle timeout of {} still limits the instance",
                    format_duration(*config.idle_timeout));
  } else {
    config.idle_timeout = config.idle_timeout.value_or(kFallbackIdleTimeout);
    fallback = fmt::format("no earlier TTL to keep, so the instance {} after {} idle instead",
                           idle_verb(config), format_duration(*config.idle_timeout));
  }
  tags.refuse(kTtlTag, ttl.error().message + "; " + fallback);
}

void read_percent(TagReader& tags, std::string_view tag, double& threshold) {
  auto value = tags.get(tag);
  if (!value)
    return;
  auto percent = number_from<double>(*value);
  if (percent && *percent >= 0 && *percent <= 100) {
    threshold = *percent;
    return;
  }
  tags.refuse(tag, fmt::format("not a percentage from 0 to 100; using the default {}%", threshold));
}

void read_rate(TagReader& tags, std::string_view tag, std::uint64_t& threshold) {
  auto value = tags.get(tag);
  if (!value)
    return;
  if (auto rate = number_from<std::uint64_t>(*value)) {
    threshold = *rate;
    return;
  }
  tags.refuse(
      tag, fmt::format("not a whole number of bytes per minute; using the default {}", threshold));
}

IdleThresholds read_thresholds(TagReader& tags) {
  IdleThresholds idle;
  read_percent(tags, "spawn:idle-cpu", idle.cpu_percent);
  read_rate(tags, "spawn:idle-network", idle.network_bytes_per_minute);
  read_rate(tags, "spawn:idle-disk", idle.disk_bytes_per_minute);
  read_percent(tags, "spawn:idle-gpu", idle.gpu_percent);
  auto sessions = tags.get("spawn:idle-sessions");
  if (sessions && iequals(*sessions, "ignore")) {
    idle.sessions_keep_alive = false;
  } else if (sessions && !iequals(*sessions, "count")) {
    tags.refuse("spawn:idle-sessions",
                "neither count nor ignore; logged-in sessions keep the instance busy (count)");
  }
  return idle;
}

// A duration tag with a default; `zero` says whether "0s" is a valid value.
Milliseconds read_duration(TagReader& tags, std::string_view tag, ZeroDuration zero,
                           Milliseconds fallback, Milliseconds longest = kLongestDuration) {
  auto value = tags.get(tag);
  if (!value)
    return fallback;
  auto duration = parse_duration(*value, zero);
  if (duration && *duration <= longest)
    return *duration;
  std::string reason =
      duration ? fmt::format("longer than {}, the longest allowed", format_duration(longest))
               : duration.error().message;
  tags.refuse(tag, fmt::format("{}; using the default {}", reason, format_duration(fallback)));
  return fallback;
}

// On-complete and the completion file go together: when either is refused, both stay
// as they were, so that a typing mistake neither arms nor moves the completion watch.
void read_completion(TagReader& tags, const std::optional<AgentConfig>& previous,
                     AgentConfig& config) {
  bool armed_before = previous && previous->on_complete;
  std::string unchanged =
      armed_before ? fmt::format("keeping the previous setting ({} when {} appears)",
                                 to_string(*previous->on_complete), previous->completion_file)
                   : "completion stays off";
  bool refused = false;
  if (auto value = tags.get("spawn:on-complete"); value && !value->empty()) {
    config.on_complete = stop_action_from(*value);
    if (!config.on_complete) {
      refused = true;
      tags.refuse("spawn:on-complete", "not terminate, stop or hibernate; " + unchanged);
    }
  }
  if (auto value = tags.get("spawn:completion-file"); value && !value->empty()) {
    if (auto problem = path_problem(*value)) {
      refused = true;
      tags.refuse("spawn:completion-file", *problem + "; " + unchanged);
    } else {
      config.completion_file = *value;
    }
  }
  if (refused) {
    config.on_complete = armed_before ? previous->on_complete : std::nullopt;
    config.completion_file =
        previous ? previous->completion_file : std::string(kDefaultCompletionFile);
  }
  config.completion_delay =
      read_duration(tags, "spawn:completion-delay", ZeroDuration::allowed, kDefaultCompletionDelay);
}

void read_pre_stop_hook(TagReader& tags, AgentConfig& config) {
  if (auto value = tags.get("spawn:pre-stop-hook"); value && !value->empty()) {
    if (auto problem = path_problem(*value))
      tags.refuse("spawn:pre-stop-hook", *problem + "; no pre-stop hook runs");
    else
      config.pre_stop_hook = *value;
  }
  config.pre_stop_hook_timeout =
      read_duration(tags, "spawn:pre-stop-hook-timeout", ZeroDuration::refused,
                    kDefaultPreStopHookTimeout, kLongestPreStopHookTimeout);
}

JobArray read_job_array(TagReader& tags) {
  JobArray array;
  array.id = tags.text("spawn:job-array-id");
  if (array.id.empty())
    return {};
  array.name = tags.text("spawn:job-array-name");
  constexpr std::string_view kOff = "job-array peer discovery is off";
  auto size = number_from<int>(tags.get("spawn:job-array-size").value_or(""));
  if (!size || *size < 1) {
    tags.refuse("spawn:job-array-size",
                fmt::format("missing or not a whole number of at least 1; {}", kOff));
    return {};
  }
  auto index = number_from<int>(tags.get("spawn:job-array-index").value_or(""));
  if (!index || *index < 0 || *index >= *size) {
    tags.refuse("spawn:job-array-index",
                fmt::format("missing or not a whole number from 0 to {}; {}", *size - 1, kOff));
    return {};
  }
  array.size = *size;
  array.index = *index;
  return array;
}

}  // namespace

std::string_view to_string(StopAction action) {
  return kStopActions.at(static_cast<std::size_t>(action)).first;
}

std::optional<StopAction> stop_action_from(std::string_view text) {
  for (const auto& [name, value] : kStopActions) {
    if (iequals(text, name))
      return value;
  }
  return std::nullopt;
}

ParsedConfig config_from_tags(const Tags& tags, const std::optional<AgentConfig>& previous) {
  ParsedConfig parsed;
  TagReader reader(tags, parsed.problems);
  AgentConfig& config = parsed.config;
  config.managed = read_switch(reader, "spawn:managed", "spored does not act on this instance");
  config.hibernate_on_idle =
      read_switch(reader, "spawn:hibernate-on-idle", "an idle instance is terminated instead");
  bool idle_timeout_valid = read_idle_timeout(reader, previous, config);
  read_ttl(reader, previous, idle_timeout_valid, config);
  config.idle = read_thresholds(reader);
  read_completion(reader, previous, config);
  read_pre_stop_hook(reader, config);
  config.name = reader.text("Name");
  config.account_base36 = reader.text("spawn:account-base36");
  config.job_array = read_job_array(reader);
  return parsed;
}

}  // namespace spawn::spored
