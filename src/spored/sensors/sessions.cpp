// utmp is read as an array of struct utmpx records straight from the file, not through
// getutxent(): that API keeps global state (not thread-safe) and only reads the
// system's own file, not one under a test root. Like `who`, a record whose login
// process is gone (no <root>/proc/<pid>) is stale and not counted: a session that
// ended without logging out must not keep the instance alive forever.
#include "spored/sensors/sessions.hpp"

#include <utmpx.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <system_error>

namespace spawn::spored {
namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

bool is_live_login(const std::filesystem::path& root, const utmpx& record) {
  if (record.ut_type != USER_PROCESS || record.ut_user[0] == '\0')
    return false;
  std::error_code ignored;
  return record.ut_pid <= 0 ||
         std::filesystem::exists(root / "proc" / std::to_string(record.ut_pid), ignored);
}

int count_logins(const std::filesystem::path& root) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen((root / "run/utmp").c_str(), "rb"));
  if (!file)
    return 0;
  int logins = 0;
  utmpx record{};
  while (std::fread(&record, sizeof record, 1, file.get()) == 1) {
    if (is_live_login(root, record))
      ++logins;
  }
  return logins;
}

bool all_digits(const std::string& name) {
  return !name.empty() && name.find_first_not_of("0123456789") == std::string::npos;
}

int count_terminals(const std::filesystem::path& root) {
  int terminals = 0;
  std::error_code error;
  std::filesystem::directory_iterator entry(root / "dev/pts", error);
  for (; !error && entry != std::filesystem::directory_iterator(); entry.increment(error)) {
    if (all_digits(entry->path().filename().string()))
      ++terminals;
  }
  return terminals;
}

}  // namespace

int count_sessions(const std::filesystem::path& root) {
  return std::max(count_logins(root), count_terminals(root));
}

}  // namespace spawn::spored
