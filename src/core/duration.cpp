#include "core/duration.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <tuple>
#include <utility>

namespace spawn {
namespace {

constexpr std::array<std::pair<std::string_view, double>, 5> kUnits{{
    {"ms", 1},  // before "m" so that "500ms" is not read as 500 minutes and an "s"
    {"s", 1000},
    {"m", 60'000},
    {"h", 3'600'000},
    {"d", 86'400'000},
}};
constexpr auto kMaxMilliseconds = static_cast<double>(kLongestDuration.count());

std::unexpected<Error> malformed(std::string_view text) {
  return fail(ErrorKind::usage,
              "'" + std::string(text) +
                  "' is not a duration: use <number><unit> with units s, m, h, d (e.g. 30m, 8h, "
                  "1d2h)");
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads "<digits>[.<digits>]" from the front of `rest`.
std::optional<double> read_number(std::string_view& rest) {
  std::size_t end = 0;
  while (end < rest.size() && is_digit(rest[end]))
    ++end;
  if (end == 0)
    return std::nullopt;
  if (end < rest.size() && rest[end] == '.') {
    std::size_t fraction = end + 1;
    while (fraction < rest.size() && is_digit(rest[fraction]))
      ++fraction;
    if (fraction == end + 1)
      return std::nullopt;
    end = fraction;
  }
  double value = std::stod(std::string(rest.substr(0, end)));
  rest.remove_prefix(end);
  return value;
}

std::optional<double> read_unit(std::string_view& rest) {
  for (const auto& [name, scale] : kUnits) {
    if (rest.starts_with(name)) {
      rest.remove_prefix(name.size());
      return scale;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<Milliseconds> parse_duration(std::string_view text, ZeroDuration zero) {
  if (text.empty())
    return malformed(text);
  std::string_view rest = text;
  double total = 0;
  while (!rest.empty()) {
    auto number = read_number(rest);
    if (!number)
      return malformed(text);
    auto scale = read_unit(rest);
    if (!scale)
      return malformed(text);
    total += *number * *scale;
    if (total > kMaxMilliseconds) {
      return fail(ErrorKind::usage, "'" + std::string(text) + "' is longer than ten years");
    }
  }
  if (total < 1 && zero == ZeroDuration::refused) {
    return fail(ErrorKind::usage, "'" + std::string(text) + "' must be greater than 0");
  }
  return Milliseconds(static_cast<Milliseconds::rep>(std::llround(total)));
}

std::string format_duration(std::chrono::nanoseconds duration) {
  auto nanoseconds = duration.count();
  // Unsigned, so that the most negative value has a magnitude too.
  std::uint64_t left = nanoseconds < 0 ? 0 - static_cast<std::uint64_t>(nanoseconds)
                                       : static_cast<std::uint64_t>(nanoseconds);
  left /= 1'000'000;  // whole milliseconds
  std::string text = nanoseconds < 0 && left > 0 ? "-" : "";
  for (auto it = kUnits.rbegin(); it != kUnits.rend(); ++it) {
    auto scale = static_cast<std::uint64_t>(it->second);
    if (left >= scale) {
      text += fmt::format("{}{}", left / scale, it->first);
      left %= scale;
    }
  }
  return text.empty() ? "0s" : text;
}

std::string format_duration_brief(std::chrono::nanoseconds duration) {
  constexpr std::int64_t kMinute = 60, kHour = 3600, kDay = 86'400;
  std::int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(duration).count();
  if (seconds < 0)
    return "-" + format_duration_brief(std::chrono::seconds(-seconds));
  if (seconds < kMinute)
    return fmt::format("{}s", seconds);
  if (seconds < kHour)
    return fmt::format("{}m", seconds / kMinute);
  auto [large, rest, large_unit, small_unit, small_scale] =
      seconds < kDay ? std::tuple{seconds / kHour, seconds % kHour, 'h', 'm', kMinute}
                     : std::tuple{seconds / kDay, seconds % kDay, 'd', 'h', kHour};
  if (rest / small_scale == 0)
    return fmt::format("{}{}", large, large_unit);
  return fmt::format("{}{}{}{}", large, large_unit, rest / small_scale, small_unit);
}

}  // namespace spawn
