#include "spawn/ui/time_text.hpp"

#include <ctime>

#include "core/duration.hpp"
#include "spawn/ui/catalog.hpp"

namespace spawn::ui {

std::string local_time_text(SystemTime time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm local{};
  localtime_r(&seconds, &local);
  char text[64];
  std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%d %H:%M %Z", &local);
  return std::string(text, length);
}

std::string relative_time_text(SystemTime time, SystemTime now) {
  if (time >= now)
    return trf("in {duration}", fmt::arg("duration", format_duration_brief(time - now)));
  return trf("{duration} ago", fmt::arg("duration", format_duration_brief(now - time)));
}

std::string when_text(SystemTime time, SystemTime now) {
  return local_time_text(time) + " (" + relative_time_text(time, now) + ")";
}

}  // namespace spawn::ui
