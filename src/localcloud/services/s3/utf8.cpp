#include "localcloud/services/s3/utf8.hpp"

#include <cstdint>

namespace spawn::localcloud {

namespace {

constexpr std::uint32_t kMaxCodePoint = 0x10FFFF;
constexpr std::uint32_t kFirstSurrogate = 0xD800;
constexpr std::uint32_t kLastSurrogate = 0xDFFF;

// The length of the sequence that `lead` starts and the bits it contributes; 0 when it
// cannot start one.
int sequence_length(std::uint8_t lead, std::uint32_t& code_point) {
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  if ((lead & 0xE0) == 0xC0) {
    code_point = lead & 0x1F;
    return 2;
  }
  if ((lead & 0xF0) == 0xE0) {
    code_point = lead & 0x0F;
    return 3;
  }
  if ((lead & 0xF8) == 0xF0) {
    code_point = lead & 0x07;
    return 4;
  }
  return 0;
}

// The smallest code point a sequence of `length` bytes may encode (shorter forms are overlong).
std::uint32_t smallest_for(int length) {
  switch (length) {
    case 2: return 0x80;
    case 3: return 0x800;
    case 4: return 0x10000;
    default: return 0;
  }
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t code_point = 0;
    int length = sequence_length(static_cast<std::uint8_t>(text[i]), code_point);
    if (length == 0 || i + length > text.size())
      return false;
    for (int k = 1; k < length; ++k) {
      auto byte = static_cast<std::uint8_t>(text[i + k]);
      if ((byte & 0xC0) != 0x80)
        return false;
      code_point = (code_point << 6) | (byte & 0x3F);
    }
    if (code_point < smallest_for(length) || code_point > kMaxCodePoint ||
        (code_point >= kFirstSurrogate && code_point <= kLastSurrogate)) {
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace spawn::localcloud
