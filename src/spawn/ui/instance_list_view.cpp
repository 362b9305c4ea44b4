#include "spawn/ui/instance_list_view.hpp"

#include "core/duration.hpp"
#include "spawn/ui/catalog.hpp"
#include "spawn/ui/text_table.hpp"
#include "spawn/ui/yaml_text.hpp"
#include "util/time_format.hpp"

namespace spawn::ui {

namespace {

namespace state = ops::instance_state;

constexpr std::string_view kParameterPrefix = "spawn:param:";
constexpr std::string_view kNothing = "-";

bool is_running(const ops::ManagedInstance& instance) {
  return instance.state() == state::running || instance.state() == state::pending;
}

Tint state_tint(const std::string& name) {
  if (name == state::running)
    return Tint::green;
  if (name == state::stopped || name == state::stopping)
    return Tint::yellow;
  if (name == state::pending)
    return Tint::cyan;
  return Tint::none;
}

std::string or_nothing(const std::string& text) {
  return text.empty() ? std::string(kNothing) : text;
}

std::string spot_text(const ops::ManagedInstance& instance, SymbolStyle symbols) {
  if (!instance.is_spot())
    return std::string(kNothing);
  return symbols == SymbolStyle::emoji ? "✓" : std::string(tr("yes"));
}

// What a stopped instance's TTL will be when it starts: the saved rest, else the TTL.
std::optional<Milliseconds> paused_ttl(const ops::ManagedInstance& instance) {
  if (auto saved = instance.tag(ops::instance_tag::ttl_remaining)) {
    if (auto parsed = parse_duration(*saved))
      return *parsed;
  }
  return instance.ttl();
}

Row table_row(const ops::ManagedInstance& instance, SystemTime now, SymbolStyle symbols) {
  const aws::Instance& ec2 = instance.instance;
  return {{instance.id()},
          {or_nothing(instance.name())},
          {ec2.instance_type},
          {instance.state(), state_tint(instance.state())},
          {ec2.availability_zone.empty() ? instance.region : ec2.availability_zone},
          {format_duration_brief(instance.age(now))},
          {ttl_left_text(instance, now)},
          {or_nothing(ec2.public_ip)},
          {spot_text(instance, symbols)}};
}

std::string total_line(std::size_t count) {
  if (count == 1)
    return std::string(tr("Total: 1 instance"));
  return trf("Total: {count} instances", fmt::arg("count", count));
}

// The last segment of an instance profile ARN: ".../spored-instance-profile" → the name.
std::string profile_name(const std::string& arn) {
  auto slash = arn.rfind('/');
  return slash == std::string::npos ? arn : arn.substr(slash + 1);
}

nlohmann::ordered_json parameters_of(const ops::ManagedInstance& instance) {
  nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
  for (const auto& [key, value] : instance.tags) {
    if (key.starts_with(kParameterPrefix))
      parameters[key.substr(kParameterPrefix.size())] = value;
  }
  return parameters;
}

nlohmann::ordered_json time_or_null(const std::optional<SystemTime>& time) {
  return time ? nlohmann::ordered_json(format_iso8601(*time)) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json documents(const std::vector<ops::ManagedInstance>& instances,
                                 SystemTime now) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& instance : instances)
    list.push_back(instance_document(instance, now));
  return list;
}

std::string ttl_left_text(const ops::ManagedInstance& instance, SystemTime now) {
  if (!is_running(instance)) {
    auto paused = paused_ttl(instance);
    return paused ? trf("{duration} (paused)", fmt::arg("duration", format_duration_brief(*paused)))
                  : std::string(tr("none"));
  }
  auto left = instance.ttl_left(now);
  if (!left)
    return std::string(tr("none"));
  if (*left <= Milliseconds::zero())
    return std::string(tr("expired"));
  return format_duration_brief(*left);
}

std::string render_instance_table(const std::vector<ops::ManagedInstance>& instances,
                                  SystemTime now, const ListStyle& style) {
  std::vector<std::string> header{
      std::string(tr("Instance ID")), std::string(tr("Name")),      std::string(tr("Type")),
      std::string(tr("State")),       std::string(tr("Region/AZ")), std::string(tr("Age")),
      std::string(tr("TTL left")),    std::string(tr("Public IP")), std::string(tr("Spot"))};
  std::vector<Row> rows;
  rows.reserve(instances.size());
  for (const auto& instance : instances)
    rows.push_back(table_row(instance, now, style.symbols));
  return render_table(header, rows, style.colour) + "\n" + total_line(instances.size()) + "\n";
}

nlohmann::ordered_json instance_document(const ops::ManagedInstance& instance, SystemTime now) {
  const aws::Instance& ec2 = instance.instance;
  auto text = [&](std::string_view key) { return instance.tag(key).value_or(""); };
  bool counting = is_running(instance) && instance.deadline().has_value();
  nlohmann::ordered_json ttl_left = nullptr;
  if (counting)
    ttl_left = std::chrono::duration_cast<std::chrono::seconds>(*instance.ttl_left(now)).count();
  return {{"instance_id", instance.id()},
          {"name", instance.name()},
          {"instance_type", ec2.instance_type},
          {"state", instance.state()},
          {"region", instance.region},
          {"availability_zone", ec2.availability_zone},
          {"public_ip", ec2.public_ip},
          {"private_ip", ec2.private_ip},
          {"launch_time", time_or_null(ec2.launch_time)},
          {"ttl", text(ops::instance_tag::ttl)},
          {"idle_timeout", text("spawn:idle-timeout")},
          {"key_name", ec2.key_name},
          {"spot", instance.is_spot()},
          {"iam_role", profile_name(ec2.iam_instance_profile_arn)},
          {"job_array_id", text(ops::instance_tag::job_array_id)},
          {"job_array_name", text(ops::instance_tag::job_array_name)},
          {"job_array_index", text("spawn:job-array-index")},
          {"job_array_size", text("spawn:job-array-size")},
          {"sweep_id", text("spawn:sweep-id")},
          {"sweep_name", text("spawn:sweep-name")},
          {"sweep_index", text("spawn:sweep-index")},
          {"sweep_size", text("spawn:sweep-size")},
          {"parameters", parameters_of(instance)},
          {"ttl_left_seconds", ttl_left},
          {"deadline", time_or_null(counting ? instance.deadline() : std::nullopt)}};
}

std::string render_instances_json(const std::vector<ops::ManagedInstance>& instances,
                                  SystemTime now) {
  return documents(instances, now).dump(2) + "\n";
}

std::string render_instances_yaml(const std::vector<ops::ManagedInstance>& instances,
                                  SystemTime now) {
  return to_yaml(documents(instances, now));
}

}  // namespace spawn::ui
