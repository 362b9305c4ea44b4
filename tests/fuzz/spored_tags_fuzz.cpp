// Feeds arbitrary instance tags (one "key=value" per input line) to spored's
// configuration reader, with and without an earlier configuration, and arbitrary
// JSON to the state file reader. Beyond not crashing, it checks the promise that
// matters most: a spawn:ttl tag never leaves the instance without any limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "spored/agent_config.hpp"
#include "spored/agent_state.hpp"

namespace {

spawn::spored::Tags tags_from(std::string_view text) {
  spawn::spored::Tags tags;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    auto equals = line.find('=');
    if (equals != std::string_view::npos)
      tags[std::string(line.substr(0, equals))] = std::string(line.substr(equals + 1));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return tags;
}

void check_limited(const spawn::spored::Tags& tags, const spawn::spored::AgentConfig& config) {
  if (tags.contains("spawn:ttl") && !config.ttl && !config.idle_timeout)
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto tags = tags_from(text);
  auto first = spawn::spored::config_from_tags(tags, std::nullopt);
  check_limited(tags, first.config);
  auto again = spawn::spored::config_from_tags(tags, first.config);
  check_limited(tags, again.config);

  auto document = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!document.is_discarded())
    (void)spawn::spored::agent_state_from_json(document);
  return 0;
}
