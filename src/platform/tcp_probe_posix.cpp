#include <fmt/format.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "platform/tcp_probe.hpp"

namespace spawn::platform {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kLongestGreeting = 255;  // RFC 4253 limits the SSH identification line

struct Descriptor {
  int fd = -1;
  ~Descriptor() {
    if (fd >= 0)
      ::close(fd);
  }
};

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Waits until `fd` is ready for `events`; false at the deadline.
bool wait_ready(int fd, short events, Clock::time_point deadline) {
  pollfd entry{fd, events, 0};
  for (;;) {
    int ready = ::poll(&entry, 1, remaining_ms(deadline));
    if (ready > 0)
      return true;
    if (ready == 0 || errno != EINTR)
      return false;
  }
}

Result<void> connect_socket(Descriptor& socket, const addrinfo& address,
                            Clock::time_point deadline) {
  socket.fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                       address.ai_protocol);
  if (socket.fd < 0)
    return fail(ErrorKind::io, fmt::format("cannot open a socket: {}", std::strerror(errno)));
  if (::connect(socket.fd, address.ai_addr, address.ai_addrlen) != 0 && errno != EINPROGRESS)
    return fail(ErrorKind::network, std::strerror(errno));
  if (!wait_ready(socket.fd, POLLOUT, deadline))
    return fail(ErrorKind::timeout, "no answer to the connection");
  int error = 0;
  socklen_t length = sizeof(error);
  ::getsockopt(socket.fd, SOL_SOCKET, SO_ERROR, &error, &length);
  if (error != 0)
    return fail(ErrorKind::network, std::strerror(error));
  return {};
}

Result<std::string> read_line(int fd, Clock::time_point deadline) {
  std::string line;
  char byte = 0;
  while (line.size() < kLongestGreeting) {
    if (!wait_ready(fd, POLLIN, deadline))
      return fail(ErrorKind::timeout, "connected, but the server said nothing");
    ssize_t got = ::read(fd, &byte, 1);
    if (got == 0)
      return fail(ErrorKind::network, "the server closed the connection without a greeting");
    if (got < 0 && errno != EINTR && errno != EAGAIN)
      return fail(ErrorKind::network, std::strerror(errno));
    if (got == 1 && byte == '\n')
      break;
    if (got == 1 && byte != '\r')
      line += byte;
  }
  return line;
}

}  // namespace

Result<std::string> read_greeting(const std::string& host, std::uint16_t port,
                                  std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  if (int status = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); status != 0)
    return fail(ErrorKind::network,
                fmt::format("cannot resolve {}: {}", host, gai_strerror(status)));
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, ::freeaddrinfo);
  Descriptor socket;
  if (auto connected = connect_socket(socket, *found, deadline); !connected)
    return std::unexpected(connected.error());
  return read_line(socket.fd, deadline);
}

}  // namespace spawn::platform
