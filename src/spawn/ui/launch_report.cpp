#include "spawn/ui/launch_report.hpp"

#include <fmt/format.h>

#include "core/duration.hpp"
#include "spawn/ui/catalog.hpp"
#include "spawn/ui/time_text.hpp"
#include "util/time_format.hpp"

namespace spawn::ui {

namespace {

std::string address_of(const aws::Instance& instance) {
  return instance.public_ip.empty() ? instance.private_ip : instance.public_ip;
}

std::string limits_line(const LaunchSpec& spec) {
  std::string ttl = spec.ttl ? format_duration(*spec.ttl) : std::string(tr("none"));
  std::string idle =
      spec.idle_timeout ? format_duration(*spec.idle_timeout) : std::string(tr("none"));
  return trf("TTL {ttl}, idle timeout {idle}", fmt::arg("ttl", ttl), fmt::arg("idle", idle));
}

void row(std::ostream& out, std::string_view label, const std::string& value) {
  if (!value.empty())
    out << fmt::format("  {:<10} {}\n", tr(label), value);
}

}  // namespace

std::string describe_price(const HourlyPrice& price, bool spot) {
  std::string market(spot ? tr("spot") : tr("on-demand"));
  if (is_estimate(price.source)) {
    return trf("{price} {market} (estimated)", fmt::arg("price", format_hourly(price.usd_per_hour)),
               fmt::arg("market", market));
  }
  return trf("{price} {market}", fmt::arg("price", format_hourly(price.usd_per_hour)),
             fmt::arg("market", market));
}

std::string connect_command(const LaunchReport& report) {
  return fmt::format("spawn {}connect {}", report.local ? "--local " : "",
                     report.outcome.instance.instance_id);
}

void print_launch_result(std::ostream& out, const LaunchReport& report, SymbolStyle symbols) {
  const aws::Instance& instance = report.outcome.instance;
  std::string title = report.spec.name.empty()
                          ? trf("Launched {id}", fmt::arg("id", instance.instance_id))
                          : trf("Launched {id} ({name})", fmt::arg("id", instance.instance_id),
                                fmt::arg("name", report.spec.name));
  out << format_status(Symbol::success, symbols, title) << '\n';
  std::string zone =
      instance.availability_zone.empty() ? report.outcome.region : instance.availability_zone;
  row(out, N_("Type"),
      trf("{type} in {zone}", fmt::arg("type", report.spec.instance_type), fmt::arg("zone", zone)));
  row(out, N_("Address"), address_of(instance));
  std::string cost = describe_price(report.outcome.price, report.spec.spot);
  if (report.worst_case_usd) {
    cost +=
        trf(", at most {total} for the TTL", fmt::arg("total", format_usd(*report.worst_case_usd)));
  }
  row(out, N_("Cost"), cost);
  row(out, N_("Limits"), limits_line(report.spec));
  if (report.outcome.deadline) {
    row(out, N_("Ends"),
        trf("{time} unless extended (spawn extend {id} 2h)",
            fmt::arg("time", local_time_text(*report.outcome.deadline)),
            fmt::arg("id", instance.instance_id)));
  }
  row(out, N_("Connect"), connect_command(report));
}

nlohmann::ordered_json launch_result_json(const LaunchReport& report) {
  const aws::Instance& instance = report.outcome.instance;
  nlohmann::ordered_json result = {
      {"instance_id", instance.instance_id},
      {"name", report.spec.name},
      {"instance_type", report.spec.instance_type},
      {"region", report.outcome.region},
      {"availability_zone", instance.availability_zone},
      {"state", instance.state.name},
      {"public_ip", instance.public_ip},
      {"private_ip", instance.private_ip},
      {"image_id", instance.image_id},
      {"key_name", report.outcome.key_name},
      {"spot", report.spec.spot},
      {"price_per_hour_usd", report.outcome.price.usd_per_hour},
      {"price_estimated", is_estimate(report.outcome.price.source)},
      {"ttl", report.spec.ttl ? format_duration(*report.spec.ttl) : ""},
      {"idle_timeout", report.spec.idle_timeout ? format_duration(*report.spec.idle_timeout) : ""},
      {"connect", connect_command(report)}};
  result["worst_case_usd"] =
      report.worst_case_usd ? nlohmann::ordered_json(*report.worst_case_usd) : nullptr;
  result["deadline"] = report.outcome.deadline
                           ? nlohmann::ordered_json(format_iso8601(*report.outcome.deadline))
                           : nullptr;
  return result;
}

void print_launch_plan(std::ostream& out, const LaunchReport& report) {
  out << tr("Dry run: nothing was created. A launch would make these AWS calls:") << '\n';
  for (const std::string& line : report.outcome.plan)
    out << "  " << line << '\n';
  out << trf("Cost: {price}",
             fmt::arg("price", describe_price(report.outcome.price, report.spec.spot)))
      << '\n'
      << report.outcome.dry_run_verdict << '\n';
}

}  // namespace spawn::ui
