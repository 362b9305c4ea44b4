// Feeds arbitrary launch flags to make_launch_spec: the first byte switches the boolean
// flags, then each line is the next text flag. Beyond not crashing, it checks the promises
// a launch relies on: a refusal is a usage error; an accepted spec always has a limit
// (a TTL or an idle timeout) unless --no-timeout was given, ends in a known action, and
// leaves the instance's shutdown behaviour stop or terminate.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/launch_spec.hpp"

namespace {

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    auto end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return lines;
}

spawn::LaunchFlags flags_of(std::string_view input) {
  spawn::LaunchFlags flags;
  if (input.empty())
    return flags;
  auto switches = static_cast<unsigned char>(input.front());
  flags.no_timeout = (switches & 1U) != 0;
  flags.hibernate = (switches & 2U) != 0;
  flags.hibernate_on_idle = (switches & 4U) != 0;
  flags.spot = (switches & 8U) != 0;
  flags.use_reservation = (switches & 16U) != 0;
  std::string* texts[] = {&flags.instance_type,
                          &flags.region,
                          &flags.availability_zone,
                          &flags.image_id,
                          &flags.name,
                          &flags.ttl,
                          &flags.idle_timeout,
                          &flags.spot_max_price,
                          &flags.on_complete,
                          &flags.completion_file,
                          &flags.completion_delay,
                          &flags.command,
                          &flags.key_pair,
                          &flags.ssh_key,
                          &flags.ssh_from,
                          &flags.reservation_id};
  auto lines = lines_of(input.substr(1));
  for (std::size_t i = 0; i < lines.size() && i < std::size(texts); ++i)
    *texts[i] = lines[i];
  return flags;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  spawn::LaunchFlags flags = flags_of(std::string_view(reinterpret_cast<const char*>(data), size));
  auto spec = spawn::make_launch_spec(flags, std::nullopt);
  if (!spec) {
    if (spec.error().kind != spawn::ErrorKind::usage)
      std::abort();
    return 0;
  }
  if (!flags.no_timeout && !spec->ttl && !spec->idle_timeout)
    std::abort();
  if (spec->on_complete != "terminate" && spec->on_complete != "stop" &&
      spec->on_complete != "hibernate")
    std::abort();
  auto behaviour = spawn::shutdown_behavior(*spec);
  if (behaviour != "stop" && behaviour != "terminate")
    std::abort();
  return 0;
}
