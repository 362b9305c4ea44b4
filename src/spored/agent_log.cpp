#include "spored/agent_log.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <ostream>
#include <system_error>

namespace spawn::spored {

AgentLog::AgentLog(std::filesystem::path file, std::ostream& err, const Clock& clock)
    : path_(std::move(file)), err_(err), clock_(clock) {
  open_file();
}

void AgentLog::open_file() {
  if (path_.empty())
    return;
  std::error_code ignored;
  std::filesystem::create_directories(path_.parent_path(), ignored);
  file_.open(path_, std::ios::app);
  if (!file_)
    err_ << fmt::format("spored: cannot open {}; logging to stderr only\n", path_.string());
}

void AgentLog::rotate_if_full() {
  std::error_code error;
  if (!file_.is_open() || std::filesystem::file_size(path_, error) < kLogFileLimit || error)
    return;
  file_.close();
  auto previous = path_;
  previous += ".1";
  std::filesystem::rename(path_, previous, error);
  open_file();
}

void AgentLog::line(std::string_view message) {
  auto stamped = fmt::format("{:%Y/%m/%d %H:%M:%S} {}\n",
                             std::chrono::floor<std::chrono::seconds>(clock_.now()), message);
  err_ << stamped << std::flush;
  if (file_.is_open()) {
    file_ << stamped << std::flush;
    rotate_if_full();
  }
}

}  // namespace spawn::spored
