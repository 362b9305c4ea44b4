#include <sys/ioctl.h>
#include <unistd.h>

#include "platform/terminal.hpp"

namespace spawn::platform {

namespace {
int descriptor(Stream stream) {
  switch (stream) {
    case Stream::in: return STDIN_FILENO;
    case Stream::out: return STDOUT_FILENO;
    case Stream::err: break;
  }
  return STDERR_FILENO;
}
}  // namespace

IsTerminal is_terminal(Stream stream) {
  return isatty(descriptor(stream)) == 1 ? IsTerminal::yes : IsTerminal::no;
}

std::optional<int> terminal_width(Stream stream) {
  winsize size{};
  if (ioctl(descriptor(stream), TIOCGWINSZ, &size) != 0 || size.ws_col == 0)
    return std::nullopt;
  return static_cast<int>(size.ws_col);
}

}  // namespace spawn::platform
