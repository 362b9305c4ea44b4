#include "spawn/context.hpp"

#include "spawn/ops/local_cloud.hpp"
#include "spawn/ui/catalog.hpp"

namespace spawn::cli {

platform::Colour Context::colour_out() const {
  return platform::choose_colour(env_, terminals_.out,
                                 ui::accessibility_mode(options_.display, env_));
}

Result<aws::Session*> Context::session() {
  if (session_)
    return session_.get();
  if (!session_factory_) {
    // A command reached for AWS although its table entry says Needs::nothing: a bug.
    return fail(ErrorKind::usage, std::string(ui::tr("this command is not set up to call AWS")));
  }
  auto made = session_factory_();
  if (!made)
    return std::unexpected(made.error());
  session_ = std::move(*made);
  return session_.get();
}

Result<std::filesystem::path> Context::local_state_dir() const {
  return ops::local_cloud_state_dir(env_);
}

}  // namespace spawn::cli
