// Is a server answering on a TCP port, and what does it say first? Launch uses it to
// know that an instance's SSH server is up (it greets with "SSH-2.0-..."), instead of
// sleeping for a time that is too long on one machine and too short on another.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "util/result.hpp"

namespace spawn::platform {

// Connects to `host` (an IPv4 or IPv6 literal, or a name) on `port` and returns the first line
// the server sends, without its line end. Fails with ErrorKind::network when the connection is
// refused or closed before a line, and ErrorKind::timeout when `timeout` passes.
Result<std::string> read_greeting(const std::string& host, std::uint16_t port,
                                  std::chrono::milliseconds timeout);

}  // namespace spawn::platform
