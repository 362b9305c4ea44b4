// Feeds arbitrary bytes to everything spored reads from the machine or from the
// workload: the three /proc parsers, nvidia-smi's output and the completion file. Each must return
// a value or an error, never crash; a completion status or message must be valid UTF-8 of at most
// kLongestCompletionText characters without control characters (they become EC2 tags and log
// lines).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "spored/sensors/completion_signal.hpp"
#include "spored/sensors/counters.hpp"
#include "spored/sensors/gpu.hpp"

namespace {

std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (char byte : text)
    count += (static_cast<unsigned char>(byte) & 0xc0) != 0x80;
  return count;
}

bool has_control_character(std::string_view text) {
  for (char byte : text) {
    if (static_cast<unsigned char>(byte) < 0x20 || byte == 0x7f)
      return true;
  }
  return false;
}

void check_completion_text(const std::string& text) {
  // dump() throws on invalid UTF-8; nothing may escape, so the throw ends the run.
  nlohmann::json(text).dump();
  if (characters(text) > spawn::spored::kLongestCompletionText || has_control_character(text))
    std::abort();
}

template <class T>
void check_result(const spawn::Result<T>& result) {
  if (!result && result.error().message.empty())
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto completion = spawn::spored::parse_completion(text);
  check_completion_text(completion.status);
  check_completion_text(completion.message);

  check_result(spawn::spored::parse_proc_stat(text));
  check_result(spawn::spored::parse_net_dev(text));
  auto every_name = [](std::string_view name) { return !name.empty(); };
  check_result(spawn::spored::parse_diskstats(text, every_name));
  check_result(spawn::spored::parse_nvidia_smi(text));
  return 0;
}
