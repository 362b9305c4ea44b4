// Starting, and learning what to enforce. A restart of the agent (same boot id)
// continues exactly where the previous run stopped. A new boot continues the TTL
// (the launch time does not change on a reboot) but forgets what belonged to the
// previous boot: a requested action (the instance came back, so someone started
// it), a completion seen, warnings. A new launch time (a stop and a start) starts
// the countdowns again from the new launch, as `spawn start` expects.
#include <fmt/format.h>

#include "core/version.hpp"
#include "spored/agent.hpp"
#include "spored/peer_discovery.hpp"
#include "spored/tag_source.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::spored {

namespace {

std::string current_boot_id(const AgentPaths& paths) {
  auto text = read_file(paths.boot_id_file);
  return text ? std::string(trim(*text)) : std::string{};
}

PolicyState fresh_policy(SystemTime launch_time, SystemTime now) {
  PolicyState policy;
  policy.launch_time = launch_time;
  policy.last_active = now;
  return policy;
}

std::string limit_text(const std::optional<Milliseconds>& limit) {
  return limit ? format_duration(*limit) : std::string("off");
}

std::string config_summary(const AgentConfig& config) {
  if (!config.managed)
    return "spawn:managed is not true: watching only, never acting";
  std::string on_complete = config.on_complete
                                ? fmt::format("{} after {}", to_string(*config.on_complete),
                                              format_duration(config.completion_delay))
                                : std::string("off");
  return fmt::format("TTL {}, idle timeout {} (cpu < {}%, then {}), on-complete {}",
                     limit_text(config.ttl), limit_text(config.idle_timeout),
                     config.idle.cpu_percent, config.hibernate_on_idle ? "hibernate" : "terminate",
                     on_complete);
}

}  // namespace

Agent::Agent(AgentPaths paths, AgentOptions options, aws::ImdsClient& imds, const Environment& env,
             AgentLog& log, Clock& clock)
    : paths_(std::move(paths)),
      options_(std::move(options)),
      imds_(imds),
      env_(env),
      log_(log),
      clock_(clock) {}

void Agent::start(int pid) {
  auto now = clock_.now();
  auto boot_id = current_boot_id(paths_);
  auto saved = load_agent_state(paths_.state_file);
  if (saved) {
    state_ = std::move(*saved);
    config_known_ = true;
    if (state_.boot_id != boot_id) {
      log_.line("new boot: the TTL still counts from the launch time " +
                format_iso8601(state_.policy.launch_time));
      state_.policy = fresh_policy(state_.policy.launch_time, now);
    } else {
      log_.line("agent restarted: continuing from " + paths_.state_file.string());
    }
  } else {
    if (saved.error().kind != ErrorKind::not_found)
      log_.line("state file unreadable, starting afresh: " + saved.error().message);
    state_.policy = fresh_policy(now, now);
  }
  state_.pid = pid;
  state_.boot_id = boot_id;
  state_.started_at = now;
}

bool Agent::learn_facts() {
  auto facts = read_instance_facts(imds_);
  if (!facts) {
    auto message = "instance metadata unreachable, retrying: " + facts.error().message;
    if (message != facts_error_)
      log_.line(message);
    facts_error_ = message;
    return false;
  }
  if (facts->launch_time && *facts->launch_time != state_.policy.launch_time) {
    if (config_known_)
      log_.line("instance launched again at " + format_iso8601(*facts->launch_time) +
                ": limits count from there");
    state_.policy = fresh_policy(*facts->launch_time, clock_.now());
  }
  state_.instance_id = facts->instance_id;
  state_.region = facts->region;
  state_.account_id = facts->account_id;
  state_.spot = facts->spot;
  log_.line(fmt::format("instance {} in {} (account {}{}), launched {}", facts->instance_id,
                        facts->region, facts->account_id, facts->spot ? ", spot" : "",
                        format_iso8601(state_.policy.launch_time)));
  aws::SessionOptions session_options;
  session_options.region = facts->region;
  session_options.user_agent = fmt::format("spored/{}", kVersion);
  auto session = aws::make_session(session_options, env_);
  if (session) {
    session_ = std::move(*session);
    ec2_ = std::make_unique<aws::Ec2Client>(session_->client());
  } else {
    log_.line("cannot set up EC2 calls (actions will power off from inside): " +
              session.error().message);
  }
  facts_ = std::move(*facts);
  return true;
}

void Agent::refresh_config() {
  if (!facts_)
    return;
  auto read = read_instance_tags(imds_, ec2(), facts_->instance_id);
  if (!read) {
    auto source = "unreadable (" + read.error().message + "); the previous configuration stays";
    if (source != state_.config_source)
      log_.line("cannot read the instance's tags: " + read.error().message);
    state_.config_source = source;
    return;
  }
  auto previous = config_known_ ? std::optional(state_.config) : std::nullopt;
  auto parsed = config_from_tags(read->tags, previous);
  if (!config_known_ || parsed.config != state_.config)
    log_.line(
        fmt::format("configuration from {}: {}", read->source, config_summary(parsed.config)));
  if (parsed.problems != state_.problems) {
    for (const auto& problem : parsed.problems)
      log_.line(
          fmt::format("tag {}=\"{}\" refused: {}", problem.tag, problem.value, problem.message));
  }
  state_.config = std::move(parsed.config);
  state_.problems = std::move(parsed.problems);
  state_.config_source = read->source;
  config_known_ = true;
}

void Agent::refresh_peers() {
  const auto& job_array = state_.config.job_array;
  if (job_array.id.empty() || state_.peers_written || ec2() == nullptr)
    return;
  auto peers = discover_peers(*ec2(), state_.config);
  if (!peers) {
    log_.line("job array: cannot list the members yet: " + peers.error().message);
    return;
  }
  if (!peers_complete(*peers, job_array.size)) {
    log_.line(fmt::format("job array {}: {} of {} members known, waiting for the rest",
                          job_array.id, peers->size(), job_array.size));
    return;
  }
  if (auto written = write_peers_file(paths_.peers_file, *peers); !written) {
    log_.line("job array: cannot write " + paths_.peers_file.string() + ": " +
              written.error().message);
    return;
  }
  state_.peers_written = true;
  log_.line(fmt::format("job array {}: all {} members written to {}", job_array.id, peers->size(),
                        paths_.peers_file.string()));
}

aws::Ec2Client* Agent::ec2() {
  return ec2_.get();
}

}  // namespace spawn::spored
