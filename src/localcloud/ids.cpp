#include "localcloud/ids.hpp"

#include <random>

namespace spawn::localcloud {
namespace {

std::string random_from(std::string_view alphabet, std::size_t length) {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string out(length, ' ');
  for (char& c : out)
    c = alphabet[pick(engine)];
  return out;
}

}  // namespace

std::string resource_id(std::string_view prefix) {
  return std::string(prefix) + "-" + random_from("0123456789abcdef", 17);
}

std::string random_upper_alnum(std::size_t length) {
  return random_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);
}

std::string random_base64ish(std::size_t length) {
  return random_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", length);
}

}  // namespace spawn::localcloud
