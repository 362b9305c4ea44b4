#include "spawn/context.hpp"

#include "spawn/ui/catalog.hpp"

namespace spawn::cli {

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

}  // namespace spawn::cli
