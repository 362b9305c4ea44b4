#include "core/launch_spec.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <regex>

namespace spawn {

namespace {

using Check = Result<void>;

std::unexpected<Error> bad(std::string message, std::string hint = {}) {
  return fail(ErrorKind::usage, std::move(message), std::move(hint));
}

bool matches(const std::string& text, const char* pattern) {
  return std::regex_match(text, std::regex(pattern));
}

Check check_instance_type(const std::string& type) {
  if (type.empty()) {
    return bad("no instance type given",
               "add --instance-type (for example --instance-type t3.micro), or pipe an offer "
               "from `truffle search`");
  }
  if (!matches(type, "[a-z][a-z0-9-]*\\.[a-z0-9-]+")) {
    return bad(fmt::format("`{}` is not an instance type", type),
               "instance types look like m7i.large or t4g.micro");
  }
  return {};
}

Check check_placement(const LaunchSpec& spec) {
  if (!spec.region.empty() && !matches(spec.region, "[a-z]{2}(-[a-z]+)+-[0-9]+")) {
    return bad(fmt::format("`{}` is not a region name", spec.region),
               "regions look like us-east-1 or eu-west-2; `aws ec2 describe-regions` lists yours");
  }
  if (!spec.availability_zone.empty() && !spec.region.empty() &&
      !spec.availability_zone.starts_with(spec.region)) {
    return bad(fmt::format("zone {} is not in region {}", spec.availability_zone, spec.region),
               "give a zone of the region, such as " + spec.region + "a");
  }
  if (!spec.image_id.empty() && !matches(spec.image_id, "ami-[0-9a-f]{8,17}") &&
      !spec.image_id.starts_with("resolve:ssm:")) {
    return bad(fmt::format("`{}` is not an image id", spec.image_id),
               "image ids look like ami-0123456789abcdef0");
  }
  return {};
}

Result<std::optional<Milliseconds>> optional_duration(const std::string& text,
                                                      std::string_view flag) {
  if (text.empty())
    return std::nullopt;
  auto parsed = parse_duration(text);
  if (!parsed)
    return bad(fmt::format("{} {}: {}", flag, text, parsed.error().message));
  return *parsed;
}

Check apply_limits(const LaunchFlags& flags, LaunchSpec& spec) {
  auto ttl = optional_duration(flags.ttl, "--ttl");
  if (!ttl)
    return std::unexpected(ttl.error());
  auto idle = optional_duration(flags.idle_timeout, "--idle-timeout");
  if (!idle)
    return std::unexpected(idle.error());
  spec.ttl = *ttl;
  spec.idle_timeout = *idle;
  spec.idle_origin = idle->has_value() ? LimitOrigin::user : LimitOrigin::none;
  if (!spec.ttl && !spec.idle_timeout && !flags.no_timeout) {
    spec.idle_timeout = kDefaultIdleTimeout;
    spec.idle_origin = LimitOrigin::safety_default;
  }
  if (flags.idle_cpu_percent) {
    double cpu = *flags.idle_cpu_percent;
    if (!std::isfinite(cpu) || cpu <= 0 || cpu > 100)
      return bad(fmt::format("--idle-cpu {}: give a percentage above 0 and at most 100", cpu));
    spec.idle_cpu_percent = cpu;
  }
  if (!flags.completion_delay.empty()) {
    auto delay = parse_duration(flags.completion_delay, ZeroDuration::allowed);
    if (!delay) {
      return bad(
          fmt::format("--completion-delay {}: {}", flags.completion_delay, delay.error().message));
    }
    spec.completion_delay = *delay;
  }
  return {};
}

Check check_completion(const LaunchSpec& spec) {
  const std::string& action = spec.on_complete;
  if (!action.empty() && action != "terminate" && action != "stop" && action != "hibernate") {
    return bad(fmt::format("--on-complete {}: not an action", action),
               "use terminate, stop or hibernate");
  }
  if (action == "hibernate" && !spec.hibernate)
    return bad("--on-complete hibernate needs an instance launched with --hibernate");
  if (spec.hibernate_on_idle && !spec.hibernate)
    return bad("--hibernate-on-idle needs an instance launched with --hibernate");
  const std::string& file = spec.completion_file;
  if (!file.starts_with('/') || file.size() > 255 || file.find('\n') != std::string::npos ||
      file.find('\0') != std::string::npos) {
    return bad(fmt::format("--completion-file {}: give an absolute path on the instance", file));
  }
  return {};
}

Check check_spot(const LaunchSpec& spec) {
  if (!spec.spot_max_price.empty()) {
    if (!spec.spot)
      return bad("--spot-max-price is for spot instances", "add --spot");
    if (!matches(spec.spot_max_price, "[0-9]+(\\.[0-9]+)?") ||
        std::strtod(spec.spot_max_price.c_str(), nullptr) <= 0) {
      return bad(fmt::format("--spot-max-price {}: give a price in USD per hour above 0",
                             spec.spot_max_price),
                 "for example --spot-max-price 0.05");
    }
  }
  if (spec.spot && (spec.hibernate || spec.on_complete == "stop")) {
    return bad("a one-time spot instance cannot be stopped or hibernated",
               "drop --spot, or let it terminate (--on-complete terminate)");
  }
  return {};
}

Check check_sizes(const LaunchSpec& spec) {
  if (spec.volume_size_gib &&
      (*spec.volume_size_gib < 1 || *spec.volume_size_gib > kLargestVolumeGib)) {
    return bad(fmt::format("--volume-size {}: give a size in GiB from 1 to {}",
                           *spec.volume_size_gib, kLargestVolumeGib));
  }
  if (!spec.reservation.empty() && spec.reservation != "open" &&
      !matches(spec.reservation, "cr-[0-9a-f]{8,17}")) {
    return bad(fmt::format("--reservation-id {}: not a capacity reservation id", spec.reservation),
               "reservation ids look like cr-0123456789abcdef0");
  }
  if (spec.command.find('\0') != std::string::npos)
    return bad("--command contains a NUL character");
  return {};
}

// Piped values first, then every flag that was given on top.
LaunchSpec merge(const LaunchFlags& flags, const std::optional<TruffleInput>& piped) {
  LaunchSpec spec;
  if (piped) {
    spec.instance_type = piped->instance_type;
    spec.region = piped->region;
    spec.availability_zone = piped->availability_zone;
    spec.spot = piped->spot;
    spec.spot_max_price = piped->spot_max_price;
    spec.reservation = piped->reservation_id;
    spec.piped_on_demand_price = piped->on_demand_price;
    spec.piped_spot_price = piped->spot_price;
  }
  auto take = [](std::string& into, const std::string& flag) {
    if (!flag.empty())
      into = flag;
  };
  take(spec.instance_type, flags.instance_type);
  take(spec.region, flags.region);
  take(spec.availability_zone, flags.availability_zone);
  take(spec.spot_max_price, flags.spot_max_price);
  take(spec.completion_file, flags.completion_file);
  spec.spot = spec.spot || flags.spot;
  spec.image_id = flags.image_id;
  spec.name = flags.name;
  spec.hibernate = flags.hibernate;
  spec.hibernate_on_idle = flags.hibernate_on_idle;
  if (!flags.on_complete.empty())
    spec.on_complete = flags.on_complete;
  spec.command = flags.command;
  spec.key_pair = flags.key_pair;
  spec.ssh_key = flags.ssh_key;
  spec.ssh_from = flags.ssh_from;
  spec.volume_size_gib = flags.volume_size_gib;
  if (flags.use_reservation || !flags.reservation_id.empty())
    spec.reservation = flags.reservation_id.empty() ? "open" : flags.reservation_id;
  return spec;
}

}  // namespace

Result<LaunchSpec> make_launch_spec(const LaunchFlags& flags,
                                    const std::optional<TruffleInput>& piped) {
  LaunchSpec spec = merge(flags, piped);
  for (auto check :
       {check_instance_type(spec.instance_type), check_placement(spec), apply_limits(flags, spec),
        check_completion(spec), check_spot(spec), check_sizes(spec)}) {
    if (!check)
      return std::unexpected(check.error());
  }
  return spec;
}

std::string_view shutdown_behavior(const LaunchSpec& spec) {
  return spec.on_complete == "stop" || spec.on_complete == "hibernate" ? "stop" : "terminate";
}

}  // namespace spawn
