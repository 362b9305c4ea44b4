// The one duration grammar of spawn (TTL, idle timeout, completion delay, boot
// delay...): one or more <number><unit> components, units ms, s, m, h and d,
// in any order and repeatable ("1d2h30m", "30m2h", "90s"), numbers whole or
// decimal ("1.5h", as Go's time.ParseDuration also reads). No spaces, signs or
// other text. The earlier implementation validated nothing at launch and its
// agent did not know "d", so a one-day TTL never expired; everything now parses
// through here.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace spawn {

using Milliseconds = std::chrono::milliseconds;

// Whether a total of zero is a valid answer ("--boot-delay 0s") or an error (TTLs).
enum class ZeroDuration { allowed, refused };

// The longest duration parse_duration accepts: longer than any instance should live (a
// longer one is a typing mistake), and far from overflowing time arithmetic.
inline constexpr Milliseconds kLongestDuration = std::chrono::days{3650};

// Errors (ErrorKind::usage) say what a valid duration looks like.
Result<Milliseconds> parse_duration(std::string_view text,
                                    ZeroDuration zero = ZeroDuration::refused);

// The compact spelling parse_duration reads back: whole days, hours, minutes, seconds and
// milliseconds, zero components left out ("1d2h30m", "45s", "500ms"), "0s" for zero and a
// leading "-" when negative. Anything below a millisecond is cut off, so a difference of two
// clock readings can be passed as it is.
std::string format_duration(std::chrono::nanoseconds duration);

// The duration at a glance, in at most its two largest units and cut off, not rounded:
// "45s", "12m", "3h" or "3h5m", "2d" or "2d4h" (61 s is "1m", 25 h "1d1h"); "0s" for zero
// and a leading "-" when negative. For reading (`spawn list`'s Age and TTL left), not for
// tags: it drops what it does not show.
std::string format_duration_brief(std::chrono::nanoseconds duration);

}  // namespace spawn
