#include "spored/policy.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "spored/agent_state.hpp"

namespace spawn::spored {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const SystemTime kLaunch = std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} + hours(10);

AgentConfig managed() {
  AgentConfig config;
  config.managed = true;
  return config;
}

AgentConfig with_ttl(Milliseconds ttl) {
  AgentConfig config = managed();
  config.ttl = ttl;
  return config;
}

AgentConfig with_idle_timeout(Milliseconds timeout) {
  AgentConfig config = managed();
  config.idle_timeout = timeout;
  return config;
}

PolicyState launched() {
  PolicyState state;
  state.launch_time = kLaunch;
  state.last_active = kLaunch;
  return state;
}

Observations at(SystemTime now) {
  Observations observed;
  observed.now = now;
  return observed;
}

Activity quiet() {
  Activity activity;
  activity.interval = minutes(1);
  activity.cpu_percent = 0.4;
  activity.network_bytes_per_minute = 2048;
  activity.disk_bytes_per_minute = 0;
  activity.gpu_percent = 0;
  return activity;
}

Observations quiet_at(SystemTime now) {
  Observations observed = at(now);
  observed.activity = quiet();
  return observed;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

const ConditionStatus& condition(const Decision& decision, Trigger trigger) {
  for (const ConditionStatus& status : decision.conditions) {
    if (status.trigger == trigger)
      return status;
  }
  static const ConditionStatus missing;
  ADD_FAILURE() << "no condition " << to_string(trigger);
  return missing;
}

// --- TTL ---

TEST(Policy, TtlActsAtItsDeadline) {
  AgentConfig config = with_ttl(hours(8));
  auto before = step(config, launched(), at(kLaunch + hours(8) - Milliseconds(1)));
  EXPECT_NE(before.decision.kind, DecisionKind::act);

  auto expired = step(config, launched(), at(kLaunch + hours(8)));
  EXPECT_EQ(expired.decision.kind, DecisionKind::act);
  EXPECT_EQ(expired.decision.trigger, Trigger::ttl);
  EXPECT_EQ(expired.decision.action, StopAction::terminate);
  EXPECT_EQ(expired.decision.reason, "TTL 8h expired");
  EXPECT_EQ(expired.decision.warning, "TERMINATING NOW - Reason: TTL 8h expired");
  EXPECT_EQ(ttl_deadline(config, launched()), kLaunch + hours(8));
}

TEST(Policy, TtlWarnsFiveMinutesAheadAtMostOnceAMinute) {
  AgentConfig config = with_ttl(hours(1));
  SystemTime deadline = kLaunch + hours(1);
  EXPECT_EQ(step(config, launched(), at(deadline - minutes(5) - seconds(1))).decision.kind,
            DecisionKind::none);

  auto first = step(config, launched(), at(deadline - minutes(5)));
  EXPECT_EQ(first.decision.kind, DecisionKind::warn);
  EXPECT_EQ(first.decision.warning,
            "TERMINATING IN 5 MINUTES (TTL 1h). Save your work; extend with: spawn extend "
            "<instance> 1h");
  EXPECT_EQ(first.state.last_warning_at, deadline - minutes(5));

  auto too_soon = step(config, first.state, at(deadline - minutes(4) - seconds(1)));
  EXPECT_EQ(too_soon.decision.kind, DecisionKind::none);
  auto again = step(config, too_soon.state, at(deadline - minutes(4)));
  EXPECT_EQ(again.decision.kind, DecisionKind::warn);
  EXPECT_TRUE(contains(again.decision.warning, "TERMINATING IN 4 MINUTES"))
      << again.decision.warning;
  auto last_minute = step(config, again.state, at(deadline - seconds(61)));
  EXPECT_TRUE(contains(last_minute.decision.warning, "TERMINATING IN 2 MINUTES ("))
      << last_minute.decision.warning;
  auto last = step(config, last_minute.state, at(deadline - seconds(1)));
  EXPECT_TRUE(contains(last.decision.warning, "TERMINATING IN 1 SECOND ("))
      << last.decision.warning;
}

TEST(Policy, ExtendingTheTtlDuringTheCountdownCancelsTheAction) {
  AgentConfig config = with_ttl(hours(8));
  auto warned = step(config, launched(), at(kLaunch + hours(8) - minutes(2)));
  ASSERT_EQ(warned.decision.kind, DecisionKind::warn);

  config.ttl = hours(9);  // spawn extend <id> 1h, then the tags are read again
  auto at_old_deadline = step(config, warned.state, at(kLaunch + hours(8)));
  EXPECT_EQ(at_old_deadline.decision.kind, DecisionKind::none);
  EXPECT_EQ(condition(at_old_deadline.decision, Trigger::ttl).fires_at, kLaunch + hours(9));
}

TEST(Policy, ARestartKeepsTheTtlDeadline) {
  AgentConfig config = with_ttl(hours(8));
  auto running = step(config, launched(), quiet_at(kLaunch + hours(3)));
  AgentState saved;
  saved.config = config;
  saved.policy = running.state;
  auto restored = agent_state_from_json(to_json(saved));
  ASSERT_TRUE(restored) << restored.error().message;

  EXPECT_EQ(ttl_deadline(restored->config, restored->policy), kLaunch + hours(8));
  auto later = at(kLaunch + hours(8));
  EXPECT_EQ(step(restored->config, restored->policy, later).decision,
            step(config, running.state, later).decision);
}

TEST(Policy, DaysCountInTheTtl) {
  ParsedConfig parsed = config_from_tags({{"spawn:managed", "true"}, {"spawn:ttl", "1d2h"}}, {});
  ASSERT_TRUE(parsed.problems.empty());
  EXPECT_EQ(step(parsed.config, launched(), at(kLaunch + hours(25))).decision.kind,
            DecisionKind::none);
  auto expired = step(parsed.config, launched(), at(kLaunch + hours(26)));
  EXPECT_EQ(expired.decision.kind, DecisionKind::act);
  EXPECT_EQ(expired.decision.reason, "TTL 1d2h expired");
}

// --- idle ---

TEST(Policy, IdleActsAfterTheTimeoutWithTheReadings) {
  AgentConfig config = with_idle_timeout(minutes(30));
  auto idle = step(config, launched(), quiet_at(kLaunch + minutes(30)));
  EXPECT_EQ(idle.decision.kind, DecisionKind::act);
  EXPECT_EQ(idle.decision.trigger, Trigger::idle);
  EXPECT_EQ(idle.decision.action, StopAction::terminate);
  EXPECT_EQ(idle.decision.reason,
            "idle 30m of 30m: cpu 0.4% net 2.0 KB/min disk 0 B/min gpu 0% sessions 0");

  config.hibernate_on_idle = true;
  EXPECT_EQ(step(config, launched(), quiet_at(kLaunch + minutes(30))).decision.action,
            StopAction::hibernate);
}

TEST(Policy, ActivityRestartsTheIdleClock) {
  AgentConfig config = with_idle_timeout(minutes(30));
  Observations busy = at(kLaunch + minutes(20));
  busy.activity = quiet();
  busy.activity->cpu_percent = 87;
  auto active = step(config, launched(), busy);
  EXPECT_EQ(active.state.last_active, kLaunch + minutes(20));
  EXPECT_EQ(condition(active.decision, Trigger::idle).summary, "active: cpu 87% >= 5%");
  EXPECT_EQ(condition(active.decision, Trigger::idle).fires_at, kLaunch + minutes(50));

  EXPECT_EQ(step(config, active.state, quiet_at(kLaunch + minutes(49))).decision.kind,
            DecisionKind::warn);
  EXPECT_EQ(step(config, active.state, quiet_at(kLaunch + minutes(50))).decision.kind,
            DecisionKind::act);
}

TEST(Policy, BetweenMeasurementsTheLastIntervalExplainsIdleness) {
  AgentConfig config = with_idle_timeout(minutes(30));
  Observations busy = at(kLaunch + minutes(20));
  busy.activity = quiet();
  busy.activity->cpu_percent = 87;
  auto measured = step(config, launched(), busy);

  Observations between = at(kLaunch + minutes(20) + seconds(5));
  between.last_activity = busy.activity;
  auto explained = step(config, measured.state, between);
  EXPECT_EQ(condition(explained.decision, Trigger::idle).summary, "active: cpu 87% >= 5%");
  EXPECT_EQ(explained.state.last_active, kLaunch + minutes(20)) << "only a fresh interval counts";

  Observations quiet_before = at(kLaunch + minutes(45));
  quiet_before.last_activity = quiet();
  auto idle = step(config, measured.state, quiet_before);
  EXPECT_TRUE(
      contains(condition(idle.decision, Trigger::idle).summary, "idle 25m of 30m: cpu 0.4%"))
      << condition(idle.decision, Trigger::idle).summary;
}

TEST(Policy, IdleWarnsFiveMinutesAhead) {
  AgentConfig config = with_idle_timeout(minutes(30));
  EXPECT_EQ(step(config, launched(), quiet_at(kLaunch + minutes(24) + seconds(59))).decision.kind,
            DecisionKind::none);
  auto warned = step(config, launched(), quiet_at(kLaunch + minutes(25)));
  EXPECT_EQ(warned.decision.kind, DecisionKind::warn);
  EXPECT_EQ(warned.decision.warning,
            "TERMINATING IN 5 MINUTES (idle 25m of 30m). Any activity on the instance resets the "
            "idle clock.");
  EXPECT_EQ(step(config, warned.state, quiet_at(kLaunch + minutes(25) + seconds(30))).decision.kind,
            DecisionKind::none);
}

TEST(Policy, BusyGpuKeepsAnIdleCpuMachineAlive) {
  AgentConfig config = with_idle_timeout(minutes(30));
  Observations observed = quiet_at(kLaunch + hours(2));
  observed.activity->gpu_percent = 60;
  auto result = step(config, launched(), observed);
  EXPECT_EQ(result.decision.kind, DecisionKind::none);
  EXPECT_EQ(result.state.last_active, kLaunch + hours(2));
}

TEST(Policy, UnmeasuredCpuCountsAsBusy) {
  Activity activity = quiet();
  activity.cpu_percent.reset();
  auto verdict = judge_idle({}, activity);
  EXPECT_FALSE(verdict.idle);
  EXPECT_EQ(verdict.busy_signals, std::vector<std::string>{"cpu unmeasured"});
  EXPECT_TRUE(verdict.description.starts_with("cpu ? net")) << verdict.description;
}

TEST(Policy, IdleThresholdsAtAndAroundTheirLimits) {
  IdleThresholds thresholds;  // cpu 5 %, net 10000 B/min, disk 100000 B/min, gpu 5 %
  auto idle_with = [&](auto change) {
    Activity activity = quiet();
    change(activity);
    return judge_idle(thresholds, activity).idle;
  };
  EXPECT_TRUE(idle_with([](Activity& a) { a.cpu_percent = 4.99; }));
  EXPECT_FALSE(idle_with([](Activity& a) { a.cpu_percent = 5.0; }));
  EXPECT_FALSE(idle_with([](Activity& a) { a.cpu_percent = 5.01; }));
  EXPECT_TRUE(idle_with([](Activity& a) { a.network_bytes_per_minute = 10'000; }));
  EXPECT_FALSE(idle_with([](Activity& a) { a.network_bytes_per_minute = 10'001; }));
  EXPECT_TRUE(idle_with([](Activity& a) { a.disk_bytes_per_minute = 100'000; }));
  EXPECT_FALSE(idle_with([](Activity& a) { a.disk_bytes_per_minute = 100'001; }));
  EXPECT_TRUE(idle_with([](Activity& a) { a.gpu_percent = 5.0; }));
  EXPECT_FALSE(idle_with([](Activity& a) { a.gpu_percent = 5.01; }));
  EXPECT_TRUE(idle_with([](Activity& a) { a.gpu_percent.reset(); }));  // no GPU
  EXPECT_FALSE(idle_with([](Activity& a) { a.network_bytes_per_minute.reset(); }));
  EXPECT_FALSE(idle_with([](Activity& a) { a.disk_bytes_per_minute.reset(); }));
  EXPECT_FALSE(idle_with([](Activity& a) { a.sessions = 1; }));
  thresholds.sessions_keep_alive = false;
  EXPECT_TRUE(idle_with([](Activity& a) { a.sessions = 1; }));
}

TEST(Policy, IdleDescriptionForPeople) {
  Activity activity = quiet();
  activity.cpu_percent = 12.345;
  activity.network_bytes_per_minute = 1536;
  activity.disk_bytes_per_minute = 5 * 1024 * 1024;
  activity.gpu_percent.reset();
  activity.sessions = 2;
  auto verdict = judge_idle({}, activity);
  EXPECT_EQ(verdict.description, "cpu 12.35% net 1.5 KB/min disk 5.0 MB/min gpu none sessions 2");
  EXPECT_EQ(
      verdict.busy_signals,
      (std::vector<std::string>{"cpu 12.35% >= 5%", "disk 5242880 > 100000 B/min", "sessions 2"}));
  activity = quiet();
  activity.network_bytes_per_minute = 1023;
  EXPECT_TRUE(contains(judge_idle({}, activity).description, "net 1023 B/min"));
}

// --- completion ---

TEST(Policy, CompletionWarnsThenActsAfterTheDelay) {
  AgentConfig config = managed();
  config.on_complete = StopAction::stop;
  Observations observed = at(kLaunch + hours(1));
  observed.completion = CompletionSignal{"success", "done", ""};

  auto seen = step(config, launched(), observed);
  EXPECT_EQ(seen.decision.kind, DecisionKind::warn);
  EXPECT_EQ(seen.decision.warning, "Workload complete - stop in 30s");
  EXPECT_EQ(seen.state.completion_seen_at, kLaunch + hours(1));
  EXPECT_EQ(condition(seen.decision, Trigger::completion).fires_at,
            kLaunch + hours(1) + seconds(30));

  observed.now += seconds(29);
  auto waiting = step(config, seen.state, observed);
  EXPECT_EQ(waiting.decision.kind, DecisionKind::none);
  observed.now += seconds(1);
  auto done = step(config, waiting.state, observed);
  EXPECT_EQ(done.decision.kind, DecisionKind::act);
  EXPECT_EQ(done.decision.trigger, Trigger::completion);
  EXPECT_EQ(done.decision.action, StopAction::stop);
  EXPECT_EQ(done.decision.reason, "workload complete (status: success)");
}

TEST(Policy, CompletionFileRemovedDuringTheDelayCancels) {
  AgentConfig config = managed();
  config.on_complete = StopAction::terminate;
  Observations observed = at(kLaunch);
  observed.completion = CompletionSignal{};
  auto seen = step(config, launched(), observed);
  ASSERT_TRUE(seen.state.completion_seen_at);

  auto removed = step(config, seen.state, at(kLaunch + seconds(10)));
  EXPECT_FALSE(removed.state.completion_seen_at);
  observed.now = kLaunch + seconds(40);  // the file is back: a new delay starts
  auto back = step(config, removed.state, observed);
  EXPECT_EQ(back.decision.kind, DecisionKind::warn);
  EXPECT_EQ(back.state.completion_seen_at, kLaunch + seconds(40));
}

TEST(Policy, CompletionIsIgnoredWithoutOnComplete) {
  Observations observed = at(kLaunch);
  observed.completion = CompletionSignal{};
  auto result = step(managed(), launched(), observed);
  EXPECT_EQ(result.decision.kind, DecisionKind::none);
  EXPECT_FALSE(result.state.completion_seen_at);
  EXPECT_EQ(condition(result.decision, Trigger::completion).summary,
            "off: spawn:on-complete is not set");
}

// --- spot ---

TEST(Policy, SpotNoticeIsPassedOnOncePerNotice) {
  Observations observed = at(kLaunch + hours(1));
  observed.spot = SpotNotice{"terminate", kLaunch + hours(1) + minutes(2)};
  auto first = step(managed(), launched(), observed);
  EXPECT_EQ(first.decision.kind, DecisionKind::spot_notice);
  EXPECT_EQ(first.decision.warning,
            "SPOT INTERRUPTION\nAWS will terminate this instance at 2026-11-27 11:02:00 UTC (in "
            "2m).\nSave your work now.");
  EXPECT_EQ(first.state.spot_notice_handled, observed.spot->time);

  observed.now += seconds(5);
  EXPECT_EQ(step(managed(), first.state, observed).decision.kind, DecisionKind::none);
  observed.spot->time += minutes(1);  // AWS moved it: a new notice
  EXPECT_EQ(step(managed(), first.state, observed).decision.kind, DecisionKind::spot_notice);
}

// --- priority, management, grace ---

TEST(Policy, PriorityIsSpotThenCompletionThenTtlThenIdle) {
  AgentConfig config = with_ttl(hours(1));
  config.idle_timeout = minutes(30);
  config.on_complete = StopAction::stop;
  config.completion_delay = Milliseconds(0);
  Observations observed = quiet_at(kLaunch + hours(2));
  observed.completion = CompletionSignal{};
  observed.spot = SpotNotice{"stop", kLaunch + hours(2) + minutes(2)};

  auto spot = step(config, launched(), observed);
  EXPECT_EQ(spot.decision.kind, DecisionKind::spot_notice);
  auto completion = step(config, spot.state, observed);
  EXPECT_EQ(completion.decision.trigger, Trigger::completion);
  EXPECT_EQ(completion.decision.kind, DecisionKind::act);
  config.on_complete.reset();
  auto ttl = step(config, spot.state, observed);
  EXPECT_EQ(ttl.decision.trigger, Trigger::ttl);
  EXPECT_EQ(ttl.decision.kind, DecisionKind::act);
  config.ttl.reset();
  auto idle = step(config, spot.state, observed);
  EXPECT_EQ(idle.decision.trigger, Trigger::idle);
  EXPECT_EQ(idle.decision.kind, DecisionKind::act);

  std::vector<Trigger> order;
  for (const auto& status : idle.decision.conditions)
    order.push_back(status.trigger);
  EXPECT_EQ(order, (std::vector<Trigger>{Trigger::spot, Trigger::completion, Trigger::ttl,
                                         Trigger::idle}));
}

TEST(Policy, UnmanagedNeverWarnsOrActs) {
  AgentConfig config = with_ttl(hours(1));
  config.idle_timeout = minutes(30);
  config.on_complete = StopAction::terminate;
  config.managed = false;
  Observations observed = quiet_at(kLaunch + hours(5));
  observed.completion = CompletionSignal{};
  observed.spot = SpotNotice{"terminate", kLaunch + hours(5)};
  for (SystemTime now : {kLaunch + minutes(56), kLaunch + hours(5)}) {
    observed.now = now;
    auto result = step(config, launched(), observed);
    EXPECT_EQ(result.decision.kind, DecisionKind::none);
    ASSERT_EQ(result.decision.conditions.size(), 4u);
    for (const auto& status : result.decision.conditions) {
      EXPECT_FALSE(status.enabled);
      EXPECT_EQ(status.summary, "off: spawn:managed is not true");
    }
  }
}

TEST(Policy, AfterAnActionItWaitsBeforeAskingAgain) {
  AgentConfig config = with_ttl(hours(1));
  PolicyState state = launched();
  state.acted = Trigger::ttl;
  state.acted_at = kLaunch + hours(1);

  auto waiting = step(config, state, at(kLaunch + hours(1) + minutes(4)));
  EXPECT_EQ(waiting.decision.kind, DecisionKind::none);
  const auto& ttl = condition(waiting.decision, Trigger::ttl);
  EXPECT_TRUE(ttl.summary.starts_with("waiting for the instance to terminate")) << ttl.summary;
  EXPECT_EQ(ttl.fires_at, kLaunch + hours(1) + kActionGrace);

  auto again = step(config, state, at(kLaunch + hours(1) + kActionGrace));
  EXPECT_EQ(again.decision.kind, DecisionKind::act);
  EXPECT_EQ(again.decision.trigger, Trigger::ttl);
}

TEST(Policy, ConditionsExplainThemselves) {
  AgentConfig config = with_ttl(hours(8));
  config.idle_timeout = minutes(30);
  auto result = step(config, launched(), quiet_at(kLaunch + hours(4) + minutes(48)));
  const auto& ttl = condition(result.decision, Trigger::ttl);
  EXPECT_TRUE(ttl.enabled);
  EXPECT_EQ(ttl.summary, "TTL 8h: terminates at 2026-11-27 18:00:00 UTC (in 3h12m)");
  EXPECT_EQ(ttl.fires_at, kLaunch + hours(8));
  const auto& idle = condition(result.decision, Trigger::idle);
  EXPECT_TRUE(idle.summary.starts_with("idle 4h48m of 30m: cpu 0.4%")) << idle.summary;
  EXPECT_EQ(condition(result.decision, Trigger::spot).summary, "no interruption notice");

  auto plain = step(managed(), launched(), at(kLaunch));
  EXPECT_EQ(condition(plain.decision, Trigger::ttl).summary, "off: spawn:ttl is not set");
  EXPECT_EQ(condition(plain.decision, Trigger::idle).summary, "off: spawn:idle-timeout is not set");
  EXPECT_FALSE(condition(plain.decision, Trigger::idle).enabled);
}

}  // namespace
}  // namespace spawn::spored
