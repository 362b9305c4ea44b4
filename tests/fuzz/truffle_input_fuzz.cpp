// Feeds arbitrary bytes to the reader of truffle's JSON on stdin. Beyond not crashing,
// it checks the promises launch relies on: every refusal is a usage error that starts
// with "truffle input", and a spot max price is set exactly when spot has a price.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/truffle_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto input = spawn::parse_truffle_input(text);
  if (!input) {
    if (input.error().kind != spawn::ErrorKind::usage ||
        !input.error().message.starts_with("truffle input"))
      std::abort();
    return 0;
  }
  if (*input) {
    const auto& offer = **input;
    bool priced_spot = offer.spot && offer.spot_price.value_or(0) > 0;
    if (priced_spot == offer.spot_max_price.empty())
      std::abort();
  }
  return 0;
}
