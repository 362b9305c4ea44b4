// Feeds arbitrary bytes to the .mo reader: it must return a table or an error, never
// crash or read outside the input, and never keep an empty msgid.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "spawn/ui/mo_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto messages = spawn::ui::parse_mo(bytes);
  if (!messages) {
    if (messages.error().message.empty())
      __builtin_trap();
    return 0;
  }
  for (const auto& [msgid, msgstr] : *messages) {
    if (msgid.empty() || msgstr.empty())
      __builtin_trap();
  }
  return 0;
}
