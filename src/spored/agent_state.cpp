// The state file is for two readers: spored itself and a person looking at
// /var/lib/spored/state.json. So members have plain snake_case names, times are
// RFC 3339 in UTC, and every duration is written twice: "ttl_ms" (read back) and
// "ttl": "8h" (for the person; ignored on reading). Optional values are null.
#include "spored/agent_state.hpp"

#include <fmt/format.h>

#include <array>
#include <functional>
#include <nlohmann/json.hpp>

#include "spored/json_members.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace spawn::spored {
namespace {

using nlohmann::json;

constexpr std::array kTriggers{Trigger::spot, Trigger::completion, Trigger::ttl, Trigger::idle};
constexpr std::array kStopActions{StopAction::terminate, StopAction::stop, StopAction::hibernate};
constexpr std::array kDecisionKinds{DecisionKind::none, DecisionKind::warn, DecisionKind::act,
                                    DecisionKind::spot_notice};

std::string_view name(Trigger trigger) {
  return to_string(trigger);
}
std::string_view name(StopAction action) {
  return to_string(action);
}
std::string_view name(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::warn: return "warn";
    case DecisionKind::act: return "act";
    case DecisionKind::spot_notice: return "spot_notice";
    case DecisionKind::none: break;
  }
  return "none";
}

template <class T, class Encode>
json or_null(const std::optional<T>& value, Encode encode) {
  return value ? json(encode(*value)) : json(nullptr);
}

json time_or_null(const std::optional<SystemTime>& time) {
  return or_null(time, encode_time);
}

// "<key>_ms": 28800000 and "<key>": "8h".
void put_duration(json& object, std::string_view key, const std::optional<Milliseconds>& duration) {
  object[fmt::format("{}_ms", key)] = or_null(duration, [](auto d) { return d.count(); });
  object[std::string(key)] = or_null(duration, [](auto d) { return format_duration(d); });
}

json encode(const AgentConfig& config) {
  json object{
      {"managed", config.managed},
      {"idle",
       {{"cpu_percent", config.idle.cpu_percent},
        {"network_bytes_per_minute", config.idle.network_bytes_per_minute},
        {"disk_bytes_per_minute", config.idle.disk_bytes_per_minute},
        {"gpu_percent", config.idle.gpu_percent},
        {"sessions_keep_alive", config.idle.sessions_keep_alive}}},
      {"hibernate_on_idle", config.hibernate_on_idle},
      {"on_complete", or_null(config.on_complete, [](auto action) { return name(action); })},
      {"completion_file", config.completion_file},
      {"pre_stop_hook", config.pre_stop_hook},
      {"name", config.name},
      {"account_base36", config.account_base36},
      {"job_array",
       {{"id", config.job_array.id},
        {"name", config.job_array.name},
        {"size", config.job_array.size},
        {"index", config.job_array.index}}},
  };
  put_duration(object, "ttl", config.ttl);
  put_duration(object, "idle_timeout", config.idle_timeout);
  put_duration(object, "completion_delay", config.completion_delay);
  put_duration(object, "pre_stop_hook_timeout", config.pre_stop_hook_timeout);
  return object;
}

json encode(const PolicyState& policy) {
  return {
      {"launch_time", encode_time(policy.launch_time)},
      {"last_active", encode_time(policy.last_active)},
      {"completion_seen_at", time_or_null(policy.completion_seen_at)},
      {"spot_notice_handled", time_or_null(policy.spot_notice_handled)},
      {"last_warning_at", time_or_null(policy.last_warning_at)},
      {"acted", or_null(policy.acted, [](auto trigger) { return name(trigger); })},
      {"acted_at", time_or_null(policy.acted_at)},
  };
}

json encode(const Activity& activity) {
  json object{
      {"cpu_percent", or_null(activity.cpu_percent, std::identity())},
      {"network_bytes_per_minute", or_null(activity.network_bytes_per_minute, std::identity())},
      {"disk_bytes_per_minute", or_null(activity.disk_bytes_per_minute, std::identity())},
      {"gpu_percent", or_null(activity.gpu_percent, std::identity())},
      {"sessions", activity.sessions},
      {"problems", activity.problems},
  };
  put_duration(object, "interval", activity.interval);
  return object;
}

json encode(const Decision& decision) {
  json conditions = json::array();
  for (const ConditionStatus& status : decision.conditions) {
    conditions.push_back({{"trigger", name(status.trigger)},
                          {"enabled", status.enabled},
                          {"summary", status.summary},
                          {"fires_at", time_or_null(status.fires_at)}});
  }
  return {
      {"kind", name(decision.kind)},     {"trigger", name(decision.trigger)},
      {"action", name(decision.action)}, {"reason", decision.reason},
      {"warning", decision.warning},     {"conditions", conditions},
  };
}

json encode(const std::vector<ConfigProblem>& problems) {
  json list = json::array();
  for (const ConfigProblem& problem : problems)
    list.push_back({{"tag", problem.tag}, {"value", problem.value}, {"message", problem.message}});
  return list;
}

template <class Enum, std::size_t N>
Result<void> decode_named(const json& value, const std::string& path,
                          const std::array<Enum, N>& all, Enum& out) {
  std::vector<std::string> names;
  for (Enum candidate : all) {
    if (value.is_string() && value.get<std::string>() == name(candidate)) {
      out = candidate;
      return {};
    }
    names.emplace_back(name(candidate));
  }
  return member_error(path, "not one of " + join(names, ", "));
}

}  // namespace

// The readers of spored's types: `static` in this namespace rather than in the unnamed
// one, because Members finds them by argument-dependent lookup, which does not look into
// an unnamed namespace.

static Result<void> decode(const json& value, const std::string& path, Trigger& out) {
  return decode_named(value, path, kTriggers, out);
}

static Result<void> decode(const json& value, const std::string& path, StopAction& out) {
  return decode_named(value, path, kStopActions, out);
}

static Result<void> decode(const json& value, const std::string& path, DecisionKind& out) {
  return decode_named(value, path, kDecisionKinds, out);
}

static Result<void> decode(const json& value, const std::string& path, IdleThresholds& out) {
  return Members(value, path)
      .required("cpu_percent", out.cpu_percent)
      .required("network_bytes_per_minute", out.network_bytes_per_minute)
      .required("disk_bytes_per_minute", out.disk_bytes_per_minute)
      .required("gpu_percent", out.gpu_percent)
      .required("sessions_keep_alive", out.sessions_keep_alive)
      .result();
}

static Result<void> decode(const json& value, const std::string& path, JobArray& out) {
  return Members(value, path)
      .required("id", out.id)
      .required("name", out.name)
      .required("size", out.size)
      .required("index", out.index)
      .result();
}

static Result<void> decode(const json& value, const std::string& path, AgentConfig& out) {
  return Members(value, path)
      .required("managed", out.managed)
      .optional("ttl_ms", out.ttl)
      .optional("idle_timeout_ms", out.idle_timeout)
      .required("idle", out.idle)
      .required("hibernate_on_idle", out.hibernate_on_idle)
      .optional("on_complete", out.on_complete)
      .required("completion_file", out.completion_file)
      .required("completion_delay_ms", out.completion_delay)
      .required("pre_stop_hook", out.pre_stop_hook)
      .required("pre_stop_hook_timeout_ms", out.pre_stop_hook_timeout)
      .required("name", out.name)
      .required("account_base36", out.account_base36)
      .required("job_array", out.job_array)
      .result();
}

static Result<void> decode(const json& value, const std::string& path, ConfigProblem& out) {
  return Members(value, path)
      .required("tag", out.tag)
      .required("value", out.value)
      .required("message", out.message)
      .result();
}

static Result<void> decode(const json& value, const std::string& path, PolicyState& out) {
  return Members(value, path)
      .required("launch_time", out.launch_time)
      .required("last_active", out.last_active)
      .optional("completion_seen_at", out.completion_seen_at)
      .optional("spot_notice_handled", out.spot_notice_handled)
      .optional("last_warning_at", out.last_warning_at)
      .optional("acted", out.acted)
      .optional("acted_at", out.acted_at)
      .result();
}

static Result<void> decode(const json& value, const std::string& path, Activity& out) {
  return Members(value, path)
      .required("interval_ms", out.interval)
      .optional("cpu_percent", out.cpu_percent)
      .optional("network_bytes_per_minute", out.network_bytes_per_minute)
      .optional("disk_bytes_per_minute", out.disk_bytes_per_minute)
      .optional("gpu_percent", out.gpu_percent)
      .required("sessions", out.sessions)
      .required("problems", out.problems)
      .result();
}

static Result<void> decode(const json& value, const std::string& path, ConditionStatus& out) {
  return Members(value, path)
      .required("trigger", out.trigger)
      .required("enabled", out.enabled)
      .required("summary", out.summary)
      .optional("fires_at", out.fires_at)
      .result();
}

static Result<void> decode(const json& value, const std::string& path, Decision& out) {
  return Members(value, path)
      .required("kind", out.kind)
      .required("trigger", out.trigger)
      .required("action", out.action)
      .required("reason", out.reason)
      .required("warning", out.warning)
      .required("conditions", out.conditions)
      .result();
}

nlohmann::json to_json(const AgentState& state) {
  return {
      {"instance_id", state.instance_id},
      {"region", state.region},
      {"account_id", state.account_id},
      {"spot", state.spot},
      {"pid", state.pid},
      {"boot_id", state.boot_id},
      {"started_at", encode_time(state.started_at)},
      {"updated_at", encode_time(state.updated_at)},
      {"config", encode(state.config)},
      {"problems", encode(state.problems)},
      {"config_source", state.config_source},
      {"policy", encode(state.policy)},
      {"last_activity", or_null(state.last_activity, [](const auto& a) { return encode(a); })},
      {"last_decision", encode(state.last_decision)},
      {"last_action_error", state.last_action_error},
      {"peers_written", state.peers_written},
  };
}

Result<AgentState> agent_state_from_json(const nlohmann::json& document) {
  AgentState state;
  auto read = Members(document, "")
                  .required("instance_id", state.instance_id)
                  .required("region", state.region)
                  .required("account_id", state.account_id)
                  .required("spot", state.spot)
                  .required("pid", state.pid)
                  .required("boot_id", state.boot_id)
                  .required("started_at", state.started_at)
                  .required("updated_at", state.updated_at)
                  .required("config", state.config)
                  .required("problems", state.problems)
                  .required("config_source", state.config_source)
                  .required("policy", state.policy)
                  .optional("last_activity", state.last_activity)
                  .required("last_decision", state.last_decision)
                  .required("last_action_error", state.last_action_error)
                  .required("peers_written", state.peers_written)
                  .result();
  if (!read)
    return fail(ErrorKind::parse, "not a spored state file: " + read.error().message);
  return state;
}

Result<AgentState> load_agent_state(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text)
    return std::unexpected(text.error());
  auto document = json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded())
    return fail(ErrorKind::parse, fmt::format("{} is not JSON", path.string()));
  auto state = agent_state_from_json(document);
  if (!state)
    return fail(ErrorKind::parse, fmt::format("{}: {}", path.string(), state.error().message));
  return state;
}

Result<void> save_agent_state(const std::filesystem::path& path, const AgentState& state) {
  return write_file_atomic(path, to_json(state).dump(2) + "\n", std::filesystem::perms(0644));
}

}  // namespace spawn::spored
