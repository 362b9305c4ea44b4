#include "util/encoding.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <optional>

namespace spawn {

namespace {

constexpr std::string_view kLowerHex = "0123456789abcdef";
constexpr std::string_view kUpperHex = "0123456789ABCDEF";
constexpr std::size_t kBase64Quantum = 4;

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

bool is_base64_alphabet(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

void append_escaped(std::string& out, char c) {
  auto byte = static_cast<unsigned char>(c);
  out += '%';
  out += kUpperHex[byte >> 4];
  out += kUpperHex[byte & 0x0F];
}

std::optional<int> hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return std::nullopt;
}

// Checks the shape EVP_DecodeBlock does not: length, alphabet, padding only at the end.
Result<std::size_t> base64_padding(std::string_view text) {
  if (text.size() % kBase64Quantum != 0) {
    return fail(ErrorKind::parse,
                fmt::format("base64 text has {} characters, not a multiple of 4", text.size()));
  }
  std::size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=')
    ++padding;
  for (std::size_t i = 0; i + padding < text.size(); ++i) {
    if (!is_base64_alphabet(text[i])) {
      return fail(ErrorKind::parse, fmt::format("invalid base64 character at offset {}", i));
    }
  }
  return padding;
}

}  // namespace

std::string hex_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (std::uint8_t byte : bytes) {
    out += kLowerHex[byte >> 4];
    out += kLowerHex[byte & 0x0F];
  }
  return out;
}

std::string hex_encode(std::string_view bytes) {
  return hex_encode(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

std::string base64_encode(std::string_view bytes) {
  std::string out((bytes.size() + 2) / 3 * kBase64Quantum + 1, '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

Result<std::string> base64_decode(std::string_view text) {
  auto padding = base64_padding(text);
  if (!padding)
    return std::unexpected(padding.error());
  std::string out(text.size() / kBase64Quantum * 3, '\0');
  int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (written < 0)
    return fail(ErrorKind::parse, "invalid base64 text");
  out.resize(static_cast<std::size_t>(written) - *padding);
  return out;
}

std::string uri_encode(std::string_view text, Slash slash) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (is_unreserved(c) || (c == '/' && slash == Slash::keep)) {
      out += c;
    } else {
      append_escaped(out, c);
    }
  }
  return out;
}

std::string form_encode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (is_unreserved(c)) {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      append_escaped(out, c);
    }
  }
  return out;
}

Result<std::string> percent_decode(std::string_view text, PlusMeans plus) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+' && plus == PlusMeans::space) {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      auto high = i + 2 < text.size() ? hex_value(text[i + 1]) : std::nullopt;
      auto low = high ? hex_value(text[i + 2]) : std::nullopt;
      if (!high || !low) {
        return fail(ErrorKind::parse, fmt::format("bad percent escape at offset {}", i));
      }
      out += static_cast<char>(*high * 16 + *low);
      i += 2;
    }
  }
  return out;
}

}  // namespace spawn
