// `spawn localcloud status|stop|reset`: the local cloud that `--local` starts in the
// background, seen and managed from spawn. None of them starts it just to look:
// status and stop work (and say so) when nothing runs; only reset starts it,
// because forgetting everything is the server's job.
#include <fmt/format.h>

#include <istream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "spawn/commands/command_table.hpp"
#include "spawn/ops/local_cloud.hpp"
#include "spawn/ui/catalog.hpp"
#include "util/strings.hpp"

namespace spawn::cli {

namespace {

struct LocalcloudFlags {
  std::string action;           // status, stop or reset
  std::string output = "text";  // status
  bool yes = false;             // reset
};

std::string instance_summary(const std::map<std::string, int>& by_state) {
  if (by_state.empty())
    return std::string(ui::tr("none"));
  std::vector<std::string> parts;
  parts.reserve(by_state.size());
  for (const auto& [state, count] : by_state)
    parts.push_back(fmt::format("{} {}", count, state));
  return join(parts, ", ");
}

void print_status_text(std::ostream& out, const ops::LocalCloudStatus& status) {
  if (!status.cloud) {
    out << ui::trf("spawn-localcloud is not running (state in {dir})",
                   fmt::arg("dir", status.state_dir.string()))
        << '\n';
    return;
  }
  out << ui::trf("spawn-localcloud is running at {endpoint} (pid {pid})",
                 fmt::arg("endpoint", status.cloud->endpoint_url), fmt::arg("pid", status.pid))
      << '\n'
      << ui::trf("State: {dir}", fmt::arg("dir", status.state_dir.string())) << '\n'
      << ui::trf("Instances in {region}: {summary}", fmt::arg("region", status.region),
                 fmt::arg("summary", instance_summary(status.instances_by_state)))
      << '\n';
}

void print_status_json(std::ostream& out, const ops::LocalCloudStatus& status) {
  nlohmann::ordered_json document = {{"running", status.cloud.has_value()},
                                     {"state_dir", status.state_dir.string()}};
  if (status.cloud) {
    document["endpoint_url"] = status.cloud->endpoint_url;
    document["pid"] = status.pid;
    document["region"] = status.region;
    document["instances"] = status.instances_by_state;
  }
  out << document.dump(2) << '\n';
}

Result<void> run_status(Context& context, const LocalcloudFlags& flags) {
  auto status = ops::local_cloud_status(context.env(), context.options().region);
  if (!status)
    return std::unexpected(status.error());
  if (flags.output == "json") {
    print_status_json(context.out(), *status);
  } else {
    print_status_text(context.out(), *status);
  }
  return {};
}

Result<void> run_stop(Context& context) {
  auto stopped = ops::stop_local_cloud(context.env());
  if (!stopped)
    return std::unexpected(stopped.error());
  if (*stopped) {
    context.out() << ui::tr(
                         "Stopped spawn-localcloud; its instances are halted and start again "
                         "with it")
                  << '\n';
  } else {
    context.out() << ui::tr("spawn-localcloud was not running") << '\n';
  }
  return {};
}

// --yes, or the user's "y" at the prompt; a usage error when there is nobody to ask.
Result<bool> confirmed_reset(Context& context, const LocalcloudFlags& flags) {
  if (flags.yes)
    return true;
  std::istream* input = context.user_input();
  if (input == nullptr) {
    return fail(ErrorKind::usage,
                std::string(ui::tr("reset deletes every local instance and resource")),
                std::string(ui::tr("Pass --yes to reset without being asked.")));
  }
  context.err() << ui::tr(
                       "Terminate every local instance and delete every local resource? "
                       "[y/N] ")
                << std::flush;
  std::string answer;
  std::getline(*input, answer);
  return to_lower(trim(answer)).starts_with("y");
}

Result<void> run_reset(Context& context, const LocalcloudFlags& flags) {
  auto confirmed = confirmed_reset(context, flags);
  if (!confirmed)
    return std::unexpected(confirmed.error());
  if (!*confirmed) {
    context.err() << ui::tr("Nothing was reset.") << '\n';
    return {};
  }
  auto cloud = ops::reset_local_cloud(context.env(), [&context](const auto& state_dir) {
    context.err() << ui::trf("Starting spawn-localcloud in the background (state in {dir})...",
                             fmt::arg("dir", state_dir.string()))
                  << '\n';
  });
  if (!cloud)
    return std::unexpected(cloud.error());
  context.out() << ui::tr("The local cloud is empty: every instance and resource is gone") << '\n';
  return {};
}

}  // namespace

Handler setup_localcloud(CLI::App& command) {
  auto flags = std::make_shared<LocalcloudFlags>();
  command
      .add_option("action", flags->action,
                  std::string(ui::tr("status: whether it runs and its instances; stop: stop it "
                                     "(instances halt); reset: forget every instance and "
                                     "resource")))
      ->required()
      ->type_name(std::string(ui::tr("status|stop|reset")))
      ->check(CLI::IsMember({"status", "stop", "reset"}).description(""));
  command
      .add_option("-o,--output", flags->output,
                  std::string(ui::tr("Output format of status: text or json")))
      ->type_name(std::string(ui::tr("FORMAT")))
      ->check(CLI::IsMember({"text", "json"}).description(""));
  command.add_flag("-y,--yes", flags->yes, std::string(ui::tr("Reset without asking first")));
  return [flags](Context& context) -> Result<void> {
    if (flags->action == "status")
      return run_status(context, *flags);
    if (flags->action == "stop")
      return run_stop(context);
    return run_reset(context, *flags);
  };
}

}  // namespace spawn::cli
