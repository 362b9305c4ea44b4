#include "localcloud/instances/sandbox.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "localcloud/instances/host_layout.hpp"
#include "localcloud/instances/sandbox_processes.hpp"
#include "localcloud/instances/sandbox_root.hpp"

namespace spawn::localcloud {

namespace {

// How long halt waits for the supervisor to collect the top process once it is dead.
constexpr std::chrono::seconds kReapWait{5};

void warn_reduced_isolation(std::string_view problem) {
  fmt::print(stderr,
             "spawn-localcloud: {}; instances run as plain processes with reduced isolation "
             "(no PID or mount namespace: they see the host's files, and /tmp is the host's "
             "/tmp). See docs/localcloud.md.\n",
             problem);
}

Result<Isolation> choose_isolation(const SandboxOptions& options, std::string& bwrap_path) {
  if (options.isolation == Isolation::plain_process) {
    return Isolation::plain_process;
  }
  auto probe = probe_bubblewrap();
  if (probe.bubblewrap_works) {
    bwrap_path = probe.bwrap_path;
    return Isolation::bubblewrap;
  }
  if (options.isolation == Isolation::bubblewrap) {
    return fail(ErrorKind::io,
                fmt::format("bubblewrap isolation was asked for, but {}", probe.problem),
                "install bubblewrap (scripts/install-deps.sh) and allow user namespaces");
  }
  warn_reduced_isolation(probe.problem);
  return Isolation::plain_process;
}

}  // namespace

Result<std::unique_ptr<Sandbox>> Sandbox::create(std::filesystem::path state_dir,
                                                 SandboxOptions options) {
  std::string bwrap_path;
  auto isolation = choose_isolation(options, bwrap_path);
  if (!isolation) {
    return std::unexpected(isolation.error());
  }
  auto supervisor = ChildSupervisor::create();
  if (!supervisor) {
    return std::unexpected(supervisor.error());
  }
  return std::unique_ptr<Sandbox>(new Sandbox(std::move(state_dir), options, *isolation,
                                              std::move(bwrap_path), std::move(*supervisor)));
}

Sandbox::Sandbox(std::filesystem::path state_dir, SandboxOptions options, Isolation isolation,
                 std::string bwrap_path, std::unique_ptr<ChildSupervisor> supervisor)
    : state_dir_(std::move(state_dir)),
      options_(options),
      isolation_(isolation),
      bwrap_path_(std::move(bwrap_path)),
      supervisor_(std::move(supervisor)) {}

Sandbox::~Sandbox() {
  for (const auto& [id, slot] : slots_) {
    std::lock_guard lock(slot->mutex);
    halt_locked(*slot);
  }
}

Result<void> Sandbox::start(const SandboxBoot& boot) {
  auto instance = slot(boot.instance_id);
  std::lock_guard lock(instance->mutex);
  if (running_top(*instance)) {
    return fail(ErrorKind::conflict,
                fmt::format("instance {} is running already", boot.instance_id));
  }
  auto instance_paths = paths(boot.instance_id);
  auto layout = read_host_layout();
  if (auto prepared = prepare_root(instance_paths, layout, boot.user_data); !prepared) {
    return prepared;
  }
  auto top = start_top(launch_for(boot, instance_paths, layout), instance_paths);
  if (!top) {
    return std::unexpected(top.error());
  }
  instance->top = *top;
  return {};
}

void Sandbox::halt(std::string_view instance_id) {
  auto instance = slot(instance_id);
  std::lock_guard lock(instance->mutex);
  halt_locked(*instance);
}

void Sandbox::freeze(std::string_view instance_id) {
  auto instance = slot(instance_id);
  std::lock_guard lock(instance->mutex);
  if (auto top = running_top(*instance)) {
    freeze_sandbox(*top);
  }
}

void Sandbox::thaw(std::string_view instance_id) {
  auto instance = slot(instance_id);
  std::lock_guard lock(instance->mutex);
  if (auto top = running_top(*instance)) {
    thaw_sandbox(*top);
  }
}

void Sandbox::destroy(std::string_view instance_id) {
  auto instance = slot(instance_id);
  {
    std::lock_guard lock(instance->mutex);
    halt_locked(*instance);
    std::error_code ignored;
    std::filesystem::remove_all(paths(instance_id).instance_dir, ignored);
  }
  std::lock_guard lock(slots_mutex_);
  slots_.erase(std::string(instance_id));
}

std::string Sandbox::console_output(std::string_view instance_id) const {
  std::ifstream console(paths(instance_id).console_log, std::ios::binary | std::ios::ate);
  if (!console) {
    return {};
  }
  auto size = static_cast<std::size_t>(console.tellg());
  auto kept = std::min(size, kConsoleOutputLimit);
  std::string text(kept, '\0');
  console.seekg(static_cast<std::streamoff>(size - kept));
  console.read(text.data(), static_cast<std::streamsize>(kept));
  text.resize(static_cast<std::size_t>(console.gcount()));
  return text;
}

InstancePaths Sandbox::paths(std::string_view instance_id) const {
  return instance_paths(state_dir_, instance_id);
}

std::vector<ProcessInfo> Sandbox::processes(std::string_view instance_id) const {
  auto instance = slot(instance_id);
  std::lock_guard lock(instance->mutex);
  auto top = running_top(*instance);
  return top ? sandbox_members(list_processes(), *top) : std::vector<ProcessInfo>{};
}

std::shared_ptr<Sandbox::Slot> Sandbox::slot(std::string_view instance_id) const {
  std::lock_guard lock(slots_mutex_);
  auto found = slots_.find(instance_id);
  if (found == slots_.end()) {
    found = slots_.emplace(std::string(instance_id), std::make_shared<Slot>()).first;
  }
  return found->second;
}

std::optional<pid_t> Sandbox::running_top(const Slot& slot) const {
  if (slot.top && supervisor_->running(*slot.top)) {
    return slot.top;
  }
  return std::nullopt;
}

SandboxLaunch Sandbox::launch_for(const SandboxBoot& boot, const InstancePaths& paths,
                                  const HostLayout& layout) const {
  SandboxBootRequest request{paths, boot.hostname, boot.mode, boot.environment, {}};
  return isolation_ == Isolation::bubblewrap ? bubblewrap_launch(bwrap_path_, layout, request)
                                             : plain_launch(request);
}

Result<pid_t> Sandbox::start_top(const SandboxLaunch& launch, const InstancePaths& paths) {
  int console = ::open(paths.console_log.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (console < 0) {
    return fail(ErrorKind::io, fmt::format("cannot open {}: {}", paths.console_log.string(),
                                           std::strerror(errno)));
  }
  auto top = supervisor_->start(launch, console);
  ::close(console);
  return top;
}

void Sandbox::halt_locked(Slot& slot) {
  if (!slot.top) {
    return;
  }
  // Once the top is reaped its pid may be a stranger's. Under bubblewrap nothing outlives
  // the top (its PID namespace ends with it); plain processes that did are looked for by
  // session, but only while no process has that number again.
  bool top_alive = supervisor_->running(*slot.top);
  if (top_alive || (isolation_ == Isolation::plain_process && !read_process(*slot.top))) {
    terminate_sandbox(*slot.top, isolation_, options_.stop_grace);
  }
  supervisor_->wait_reaped(*slot.top, kReapWait);
  slot.top.reset();
}

}  // namespace spawn::localcloud
