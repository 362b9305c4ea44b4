#include "spawn/ui/instance_status_view.hpp"

#include <utility>
#include <vector>

#include "core/duration.hpp"
#include "spawn/ui/catalog.hpp"
#include "spawn/ui/instance_list_view.hpp"
#include "spawn/ui/text_table.hpp"
#include "spawn/ui/time_text.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::ui {

namespace {

using Line = std::pair<std::string, std::string>;  // label, value

constexpr std::string_view kIdleTimeout = "spawn:idle-timeout";
constexpr std::string_view kIdleCpu = "spawn:idle-cpu";
constexpr std::string_view kOnComplete = "spawn:on-complete";
constexpr std::string_view kCompletionFile = "spawn:completion-file";
constexpr std::string_view kCompletionDelay = "spawn:completion-delay";
constexpr std::string_view kHibernateOnIdle = "spawn:hibernate-on-idle";
constexpr std::string_view kAgentIndent = "  ";

std::string yes_no(bool value) {
  return std::string(value ? tr("yes") : tr("no"));
}

std::string ttl_line(const ops::ManagedInstance& instance, SystemTime now) {
  auto ttl = instance.tag(ops::instance_tag::ttl);
  if (!ttl)
    return std::string(tr("none"));
  bool running = instance.state() == ops::instance_state::running ||
                 instance.state() == ops::instance_state::pending;
  auto deadline = instance.deadline();
  if (!running || !deadline)
    return trf("{ttl} ({left})", fmt::arg("ttl", *ttl),
               fmt::arg("left", ttl_left_text(instance, now)));
  return trf("{ttl}, ends {when}", fmt::arg("ttl", *ttl),
             fmt::arg("when", when_text(*deadline, now)));
}

std::string idle_line(const ops::ManagedInstance& instance) {
  auto timeout = instance.tag(kIdleTimeout);
  if (!timeout)
    return std::string(tr("none"));
  if (auto cpu = instance.tag(kIdleCpu))
    return trf("{timeout} (idle below {cpu}% CPU)", fmt::arg("timeout", *timeout),
               fmt::arg("cpu", *cpu));
  return *timeout;
}

std::string completion_line(const ops::ManagedInstance& instance) {
  auto action = instance.tag(kOnComplete);
  if (!action || action->empty())
    return std::string(tr("none"));
  return trf("{action} when {file} appears, after {delay}", fmt::arg("action", *action),
             fmt::arg("file", instance.tag(kCompletionFile).value_or("/tmp/SPAWN_COMPLETE")),
             fmt::arg("delay", instance.tag(kCompletionDelay).value_or("30s")));
}

// "user-stopped, 2026-01-23 12:05 CET (3h ago)"
std::string event_line(const std::optional<std::string>& what, const std::optional<std::string>& at,
                       SystemTime now) {
  std::string text = what.value_or("");
  if (at) {
    auto time = parse_iso8601(*at);
    std::string when = time ? when_text(*time, now) : *at;
    text = text.empty() ? when : text + ", " + when;
  }
  return text;
}

std::vector<Line> tag_lines(const ops::ManagedInstance& instance, SystemTime now) {
  const aws::Instance& ec2 = instance.instance;
  std::vector<Line> lines{
      {std::string(tr("Instance")), instance.id()},
      {std::string(tr("Name")), instance.name().empty() ? "-" : instance.name()},
      {std::string(tr("Type")), ec2.instance_type},
      {std::string(tr("State")), instance.state()},
      {std::string(tr("Region/AZ")),
       ec2.availability_zone.empty() ? instance.region : ec2.availability_zone},
      {std::string(tr("Public IP")), ec2.public_ip.empty() ? "-" : ec2.public_ip},
      {std::string(tr("Spot")), yes_no(instance.is_spot())}};
  if (ec2.launch_time)
    lines.emplace_back(tr("Launched"), when_text(*ec2.launch_time, now));
  lines.emplace_back(tr("TTL"), ttl_line(instance, now));
  lines.emplace_back(tr("Idle timeout"), idle_line(instance));
  lines.emplace_back(tr("Hibernate on idle"), yes_no(instance.tag(kHibernateOnIdle) == "true"));
  lines.emplace_back(tr("On complete"), completion_line(instance));
  auto stop_reason = instance.tag(ops::instance_tag::last_stop_reason);
  auto stop_time = instance.tag(ops::instance_tag::last_stop_time);
  if (stop_reason || stop_time)
    lines.emplace_back(tr("Last stop"), event_line(stop_reason, stop_time, now));
  return lines;
}

std::string aligned(const std::vector<Line>& lines) {
  std::size_t width = 0;
  for (const auto& [label, value] : lines)
    width = std::max(width, display_width(label));
  std::string text;
  for (const auto& [label, value] : lines) {
    text += label;
    text += ':';
    text.append(width - display_width(label) + 1, ' ');
    text += value;
    text += '\n';
  }
  return text;
}

std::string indented(std::string_view text) {
  std::string out;
  for (const auto& line : split(trim(text), '\n'))
    out += std::string(kAgentIndent) + line + "\n";
  return out;
}

}  // namespace

std::string render_status_text(const ops::ManagedInstance& instance, SystemTime now,
                               const AgentView& agent) {
  std::string text = aligned(tag_lines(instance, now)) + "\n";
  if (agent.status)
    return text + std::string(tr("Agent (spored status):")) + "\n" + indented(*agent.status);
  return text +
         trf("Agent: not reachable ({reason})", fmt::arg("reason", agent.unreachable_reason)) +
         "\n";
}

nlohmann::ordered_json status_document(const ops::ManagedInstance& instance, SystemTime now,
                                       const AgentView& agent) {
  nlohmann::ordered_json document = instance_document(instance, now);
  auto text = [&](std::string_view key) { return instance.tag(key).value_or(""); };
  document["idle_cpu"] = text(kIdleCpu);
  document["hibernate_on_idle"] = instance.tag(kHibernateOnIdle) == "true";
  document["on_complete"] = text(kOnComplete);
  document["completion_file"] = text(kCompletionFile);
  document["completion_delay"] = text(kCompletionDelay);
  document["last_stop_reason"] = text(ops::instance_tag::last_stop_reason);
  document["last_stop_time"] = text(ops::instance_tag::last_stop_time);
  document["agent"] = {{"reachable", agent.status.has_value()},
                       {"status", agent.status.value_or("")},
                       {"reason", agent.unreachable_reason}};
  return document;
}

}  // namespace spawn::ui
