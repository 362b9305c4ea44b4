#include "localcloud/app/state_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "util/file.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::string_view kLockFile = "serve.lock";

Result<void> write_all(int fd, const std::string& text) {
  if (ftruncate(fd, 0) != 0 ||
      pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size())) {
    return fail(ErrorKind::io, "cannot write the localcloud lock file");
  }
  return {};
}

}  // namespace

Result<StateLock> StateLock::acquire(const std::filesystem::path& state_dir) {
  std::filesystem::path path = state_dir / kLockFile;
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return fail(ErrorKind::io, "cannot open " + path.string());
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    auto running = find_running_server(state_dir);
    return fail(
        ErrorKind::conflict,
        "another spawn-localcloud" +
            (running ? " (pid " + std::to_string(running->pid) + ", " + running->endpoint_url + ")"
                     : std::string()) +
            " is serving " + state_dir.string(),
        "Stop it first, or give this one its own --state-dir.");
  }
  StateLock lock(fd, path);
  if (auto written = write_all(fd, nlohmann::json{{"pid", getpid()}}.dump()); !written) {
    return std::unexpected(written.error());
  }
  return lock;
}

StateLock::StateLock(StateLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

StateLock::~StateLock() {
  if (fd_ < 0)
    return;
  (void)ftruncate(fd_, 0);
  ::close(fd_);
}

Result<void> StateLock::publish(const std::string& endpoint_url) {
  return write_all(fd_, nlohmann::json{{"pid", getpid()}, {"endpoint_url", endpoint_url}}.dump());
}

std::optional<ServingRecord> find_running_server(const std::filesystem::path& state_dir) {
  std::filesystem::path path = state_dir / kLockFile;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return std::nullopt;
  // If we can take a shared lock, nobody holds the exclusive one: no server is running.
  bool free = flock(fd, LOCK_SH | LOCK_NB) == 0;
  ::close(fd);
  if (free)
    return std::nullopt;
  auto text = read_file(path);
  if (!text)
    return std::nullopt;
  auto record = nlohmann::json::parse(*text, nullptr, false);
  if (record.is_discarded() || !record.is_object())
    return std::nullopt;
  return ServingRecord{record.value("pid", 0), record.value("endpoint_url", "")};
}

}  // namespace spawn::localcloud
