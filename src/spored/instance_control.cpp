#include "spored/instance_control.hpp"

#include <fmt/format.h>

namespace spawn::spored {

namespace {

Result<void> stop(aws::Ec2Client& ec2, const std::string& instance_id, aws::StopMode mode) {
  auto stopped = ec2.stop_instances({.instance_ids = {instance_id}, .mode = mode});
  if (!stopped)
    return std::unexpected(stopped.error());
  return {};
}

}  // namespace

Result<std::string> InstanceControl::request(StopAction action) {
  switch (action) {
    case StopAction::terminate: {
      auto terminated = ec2_.terminate_instances({.instance_ids = {instance_id_}});
      if (!terminated)
        return std::unexpected(terminated.error());
      return std::string{};
    }
    case StopAction::stop: {
      auto stopped = stop(ec2_, instance_id_, aws::StopMode::stop);
      if (!stopped)
        return std::unexpected(stopped.error());
      return std::string{};
    }
    case StopAction::hibernate: {
      auto hibernated = stop(ec2_, instance_id_, aws::StopMode::hibernate);
      if (hibernated)
        return std::string{};
      if (hibernated.error().kind == ErrorKind::auth)
        return std::unexpected(hibernated.error());
      auto stopped = stop(ec2_, instance_id_, aws::StopMode::stop);
      if (!stopped)
        return std::unexpected(stopped.error());
      return fmt::format("hibernation refused ({}); stopped without hibernating instead",
                         hibernated.error().message);
    }
  }
  return fail(ErrorKind::usage, "unknown stop action");
}

Result<void> InstanceControl::record(const std::vector<aws::Tag>& tags) {
  return ec2_.create_tags({instance_id_}, tags);
}

std::string action_error_hint(const Error& error) {
  if (error.kind != ErrorKind::auth)
    return {};
  return "the instance role lacks spored's permissions (ec2:TerminateInstances, "
         "ec2:StopInstances on instances tagged spawn:managed=true); relaunch with spawn's "
         "default role or add them to the role";
}

}  // namespace spawn::spored
