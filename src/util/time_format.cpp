#include "util/time_format.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <ctime>

namespace spawn {

namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::year_month_day;

struct CivilTime {
  int year, month, day, hour, minute, second;
};

CivilTime to_civil(SystemTime time) {
  auto whole = std::chrono::floor<seconds>(time);
  auto day_point = std::chrono::floor<days>(whole);
  year_month_day date{day_point};
  std::chrono::hh_mm_ss clock{whole - day_point};
  return {static_cast<int>(date.year()),
          static_cast<int>(static_cast<unsigned>(date.month())),
          static_cast<int>(static_cast<unsigned>(date.day())),
          static_cast<int>(clock.hours().count()),
          static_cast<int>(clock.minutes().count()),
          static_cast<int>(clock.seconds().count())};
}

// system_clock counts nanoseconds in 64 bits, which covers the years 1678 to 2261; anything
// outside this narrower window is refused rather than overflowing.
constexpr int kEarliestYear = 1900;
constexpr int kLatestYear = 2200;
constexpr double kLatestEpochSeconds = 7.2e9;  // within year 2198

std::optional<SystemTime> from_civil(const CivilTime& c) {
  if (c.year < kEarliestYear || c.year > kLatestYear)
    return std::nullopt;
  year_month_day date{std::chrono::year{c.year}, std::chrono::month{static_cast<unsigned>(c.month)},
                      std::chrono::day{static_cast<unsigned>(c.day)}};
  if (!date.ok() || c.hour > 23 || c.minute > 59 || c.second > 60)
    return std::nullopt;
  return SystemTime(sys_days{date}) + std::chrono::hours(c.hour) + std::chrono::minutes(c.minute) +
         seconds(c.second);
}

// Reads exactly `width` digits from the front of `text`.
bool take_number(std::string_view& text, std::size_t width, int& out) {
  if (text.size() < width)
    return false;
  for (std::size_t i = 0; i < width; ++i) {
    if (text[i] < '0' || text[i] > '9')
      return false;
  }
  std::from_chars(text.data(), text.data() + width, out);
  text.remove_prefix(width);
  return true;
}

bool take_char(std::string_view& text, char expected) {
  if (text.empty() || text.front() != expected)
    return false;
  text.remove_prefix(1);
  return true;
}

std::unexpected<Error> bad_timestamp(std::string_view text) {
  return fail(ErrorKind::parse, fmt::format("not a timestamp: '{}'", text));
}

}  // namespace

std::string format_amz_date(SystemTime time) {
  auto c = to_civil(time);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", c.year, c.month, c.day, c.hour, c.minute,
                     c.second);
}

std::string format_iso8601(SystemTime time) {
  auto c = to_civil(time);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, c.hour,
                     c.minute, c.second);
}

Result<SystemTime> parse_iso8601(std::string_view text) {
  std::string_view rest = text;
  CivilTime c{};
  bool extended = text.size() > 4 && text[4] == '-';
  if (!take_number(rest, 4, c.year) || (extended && !take_char(rest, '-')) ||
      !take_number(rest, 2, c.month) || (extended && !take_char(rest, '-')) ||
      !take_number(rest, 2, c.day) || !take_char(rest, 'T') || !take_number(rest, 2, c.hour) ||
      (extended && !take_char(rest, ':')) || !take_number(rest, 2, c.minute) ||
      (extended && !take_char(rest, ':')) || !take_number(rest, 2, c.second)) {
    return bad_timestamp(text);
  }
  std::chrono::milliseconds fraction{0};
  if (take_char(rest, '.')) {
    int scale = 100;
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      fraction += std::chrono::milliseconds((rest.front() - '0') * scale);
      scale /= 10;
      rest.remove_prefix(1);
    }
  }
  seconds offset{0};
  if (!take_char(rest, 'Z')) {
    if (rest.empty() || (rest.front() != '+' && rest.front() != '-'))
      return bad_timestamp(text);
    int sign = rest.front() == '-' ? -1 : 1;
    rest.remove_prefix(1);
    int hours = 0, minutes = 0;
    if (!take_number(rest, 2, hours) || !take_char(rest, ':') || !take_number(rest, 2, minutes)) {
      return bad_timestamp(text);
    }
    offset = seconds(sign * (hours * 3600 + minutes * 60));
  }
  if (!rest.empty())
    return bad_timestamp(text);
  auto time = from_civil(c);
  if (!time)
    return bad_timestamp(text);
  return *time + fraction - offset;
}

Result<SystemTime> parse_epoch_seconds(std::string_view text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
      std::abs(value) > kLatestEpochSeconds) {
    return bad_timestamp(text);
  }
  return SystemTime(std::chrono::milliseconds(static_cast<long long>(std::llround(value * 1000))));
}

Result<SystemTime> parse_http_date(std::string_view text) {
  // "Sun, 30 Aug 2015 12:36:00 GMT"
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::string_view rest = text;
  auto comma = rest.find(", ");
  if (comma == std::string_view::npos)
    return bad_timestamp(text);
  rest.remove_prefix(comma + 2);
  CivilTime c{};
  if (!take_number(rest, 2, c.day) || !take_char(rest, ' ') || rest.size() < 4) {
    return bad_timestamp(text);
  }
  for (int i = 0; i < 12; ++i) {
    if (rest.substr(0, 3) == kMonths[i])
      c.month = i + 1;
  }
  rest.remove_prefix(3);
  if (c.month == 0 || !take_char(rest, ' ') || !take_number(rest, 4, c.year) ||
      !take_char(rest, ' ') || !take_number(rest, 2, c.hour) || !take_char(rest, ':') ||
      !take_number(rest, 2, c.minute) || !take_char(rest, ':') || !take_number(rest, 2, c.second) ||
      rest != " GMT") {
    return bad_timestamp(text);
  }
  auto time = from_civil(c);
  if (!time)
    return bad_timestamp(text);
  return *time;
}

}  // namespace spawn
