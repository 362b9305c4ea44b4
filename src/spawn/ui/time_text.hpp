// Times as people read them in spawn's output: local wall-clock time, and how
// far away a moment is ("in 2h30m", "5m ago") in the brief duration form.
#pragma once

#include <string>

#include "util/clock.hpp"

namespace spawn::ui {

// "2026-01-23 14:05 CET": the local time zone, to the minute.
std::string local_time_text(SystemTime time);

// "in 2h30m" for a future `time`, "5m ago" for a past one, relative to `now`.
std::string relative_time_text(SystemTime time, SystemTime now);

// "2026-01-23 14:05 CET (in 2h30m)".
std::string when_text(SystemTime time, SystemTime now);

}  // namespace spawn::ui
