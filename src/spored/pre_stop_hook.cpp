#include "spored/pre_stop_hook.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include "platform/process.hpp"

namespace spawn::spored {

namespace {

constexpr std::size_t kKeptOutput = 2048;

// Owned by root or by us, and not writable by anyone else.
std::string ownership_refusal(const std::filesystem::path& path, const struct stat& info) {
  const uid_t self = ::geteuid();
  if (info.st_uid != 0 && info.st_uid != self)
    return fmt::format("{} is owned by uid {}, not by root", path.string(), info.st_uid);
  if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    return fmt::format("{} is writable by group or others", path.string());
  return {};
}

std::string tail_of(std::string text) {
  if (text.size() > kKeptOutput)
    text.erase(0, text.size() - kKeptOutput);
  return text;
}

}  // namespace

std::string hook_refusal(const std::filesystem::path& hook) {
  if (!hook.is_absolute())
    return fmt::format("{} is not an absolute path", hook.string());
  struct stat info {};
  if (::stat(hook.c_str(), &info) != 0)
    return fmt::format("{} does not exist", hook.string());
  if (!S_ISREG(info.st_mode))
    return fmt::format("{} is not a regular file", hook.string());
  if (auto refusal = ownership_refusal(hook, info); !refusal.empty())
    return refusal;
  struct stat folder {};
  if (::stat(hook.parent_path().c_str(), &folder) != 0)
    return fmt::format("cannot inspect {}", hook.parent_path().string());
  return ownership_refusal(hook.parent_path(), folder);
}

Result<HookRun> run_pre_stop_hook(const std::filesystem::path& hook, Milliseconds time_limit,
                                  const std::string& trigger, StopAction action,
                                  const std::string& reason) {
  if (auto refusal = hook_refusal(hook); !refusal.empty())
    return fail(ErrorKind::usage, "pre-stop hook not run: " + refusal);
  auto ran = platform::run_process({hook.string(), trigger, std::string(to_string(action)), reason},
                                   {.timeout = time_limit});
  if (!ran)
    return std::unexpected(ran.error());
  return HookRun{ran->exit_code, tail_of(ran->output + ran->error_output)};
}

}  // namespace spawn::spored
