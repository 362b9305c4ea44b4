// Feeds arbitrary bytes to the shared config file parser, as both a config and a
// credentials file: it must return a value or an error, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "aws/config_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto kind : {spawn::aws::ConfigFileKind::config, spawn::aws::ConfigFileKind::credentials}) {
    auto file = spawn::aws::parse_config_file(text, "fuzz", kind);
    if (!file && file.error().message.empty())
      __builtin_trap();
  }
  return 0;
}
