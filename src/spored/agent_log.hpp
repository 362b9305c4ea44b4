// The agent's log: one line per decision, with the reason, in /var/log/spored.log
// and on stderr (which the journal keeps). The file is cut when it grows past
// kLogFileLimit (the previous part kept as spored.log.1), so a long-lived
// instance never fills its disk with it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iosfwd>
#include <string_view>

#include "util/clock.hpp"

namespace spawn::spored {

inline constexpr std::uintmax_t kLogFileLimit = std::uintmax_t{5} * 1024 * 1024;

class AgentLog {
 public:
  // `file` may be empty (stderr only). A file that cannot be opened is reported on stderr
  // once, and the log goes on to stderr alone.
  AgentLog(std::filesystem::path file, std::ostream& err, const Clock& clock);

  // Writes "YYYY/MM/DD HH:MM:SS <message>" (UTC).
  void line(std::string_view message);

 private:
  void open_file();
  void rotate_if_full();

  std::filesystem::path path_;
  std::ofstream file_;
  std::ostream& err_;
  const Clock& clock_;
};

}  // namespace spawn::spored
