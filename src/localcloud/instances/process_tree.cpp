#include "localcloud/instances/process_tree.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace spawn::localcloud {

namespace {

// Field numbers of /proc/<pid>/stat (man 5 proc), counted from 1.
constexpr int kStateField = 3;
constexpr int kParentField = 4;
constexpr int kSessionField = 6;
constexpr int kStartTimeField = 22;
// /proc/<pid>/stat is one line of about 52 fields; this is ample.
constexpr std::size_t kStatBufferBytes = 1024;

template <class Number>
bool parse_number(std::string_view text, Number& number) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc() && end == text.data() + text.size();
}

// The fields after "(comm)", which may itself hold spaces and parentheses.
std::vector<std::string_view> fields_after_command(std::string_view text) {
  std::vector<std::string_view> fields;
  auto close = text.rfind(')');
  if (close == std::string_view::npos) {
    return fields;
  }
  auto rest = text.substr(close + 1);
  while (!rest.empty()) {
    auto start = rest.find_first_not_of(" \n");
    if (start == std::string_view::npos) {
      break;
    }
    rest = rest.substr(start);
    auto end = rest.find_first_of(" \n");
    fields.push_back(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
  }
  return fields;
}

using Children = std::multimap<pid_t, const ProcessInfo*>;

// Appends `first` and everything below it, breadth first, so parents precede children.
void add_subtree(const ProcessInfo& first, const Children& children, std::set<pid_t>& seen,
                 std::vector<ProcessInfo>& members) {
  members.push_back(first);
  for (auto next = members.size() - 1; next < members.size(); ++next) {
    auto [begin, end] = children.equal_range(members[next].pid);
    for (auto child = begin; child != end; ++child) {
      if (seen.insert(child->second->pid).second) {
        members.push_back(*child->second);
      }
    }
  }
}

}  // namespace

std::optional<ProcessInfo> parse_proc_stat(std::string_view text) {
  ProcessInfo info;
  auto fields = fields_after_command(text);
  // fields[0] is field 3 (state).
  auto field = [&](int number) { return fields[static_cast<std::size_t>(number - kStateField)]; };
  if (fields.size() < static_cast<std::size_t>(kStartTimeField - kStateField) + 1 ||
      field(kStateField).size() != 1 || !parse_number(text.substr(0, text.find(' ')), info.pid) ||
      !parse_number(field(kParentField), info.parent) ||
      !parse_number(field(kSessionField), info.session) ||
      !parse_number(field(kStartTimeField), info.start_time)) {
    return std::nullopt;
  }
  info.state = field(kStateField)[0];
  return info;
}

std::optional<ProcessInfo> read_process(pid_t pid) {
  // Plain read(): a process may end while its file is read (ESRCH), which iostreams
  // report by throwing.
  auto path = "/proc/" + std::to_string(pid) + "/stat";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return std::nullopt;
  }
  std::array<char, kStatBufferBytes> buffer{};
  auto length = ::read(fd, buffer.data(), buffer.size());
  ::close(fd);
  if (length <= 0) {
    return std::nullopt;
  }
  return parse_proc_stat(std::string_view(buffer.data(), static_cast<std::size_t>(length)));
}

std::vector<ProcessInfo> list_processes() {
  std::vector<ProcessInfo> processes;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    pid_t pid = 0;
    if (parse_number(entry.path().filename().string(), pid)) {
      if (auto info = read_process(pid)) {
        processes.push_back(*info);
      }
    }
  }
  return processes;
}

std::vector<ProcessInfo> sandbox_members(const std::vector<ProcessInfo>& processes, pid_t top) {
  Children children;
  for (const auto& process : processes) {
    children.emplace(process.parent, &process);
  }
  std::vector<ProcessInfo> members;
  std::set<pid_t> seen;
  auto add_if = [&](auto belongs) {
    for (const auto& process : processes) {
      if (belongs(process) && seen.insert(process.pid).second) {
        add_subtree(process, children, seen, members);
      }
    }
  };
  add_if([&](const ProcessInfo& process) { return process.pid == top; });
  add_if([&](const ProcessInfo& process) { return process.session == top; });
  return members;
}

}  // namespace spawn::localcloud
