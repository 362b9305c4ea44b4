// Local servers for the transport tests: a cpp-httplib server (plain or TLS)
// and a raw TCP server whose connection handler the test writes, for what
// httplib will not do (misbehave, act as a proxy). All bind 127.0.0.1 port 0
// and stop in their destructors.
#pragma once

// Debian builds libcpp-httplib with these; its classes' layout depends on them.
#define CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_ZLIB_SUPPORT
#define CPPHTTPLIB_BROTLI_SUPPORT
#include <arpa/inet.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace spawn::testing {

inline constexpr auto kServerStartDeadline = std::chrono::seconds(5);

// Runs an httplib server (Server or SSLServer) on a thread for the test's lifetime.
template <class ServerType>
class RunningServer {
 public:
  template <class... Args>
  explicit RunningServer(Args&&... args) : server(std::forward<Args>(args)...) {}

  // Binds and starts serving; the socket listens once this returns.
  void start() {
    port = server.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port, 0);
    thread_ = std::thread([this] { server.listen_after_bind(); });
  }

  ~RunningServer() {
    if (!thread_.joinable())
      return;
    auto deadline = std::chrono::steady_clock::now() + kServerStartDeadline;
    while (!server.is_running() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    server.stop();
    thread_.join();
  }

  ServerType server;
  int port = 0;

 private:
  std::thread thread_;
};

// A TCP socket on 127.0.0.1 with a kernel-chosen port.
class LoopbackSocket {
 public:
  LoopbackSocket() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~LoopbackSocket() { close(); }
  LoopbackSocket(const LoopbackSocket&) = delete;
  LoopbackSocket& operator=(const LoopbackSocket&) = delete;

  void listen() { ::listen(fd_, SOMAXCONN); }
  void close() {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = -1;
  }
  // Wakes a thread blocked in accept() on this socket.
  void shut_down() { ::shutdown(fd_, SHUT_RDWR); }
  int fd() const { return fd_; }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Reads up to and including the blank line that ends an HTTP head; "" when the peer closed.
inline std::string read_head(int fd) {
  std::string head;
  char byte = 0;
  while (head.find("\r\n\r\n") == std::string::npos && ::read(fd, &byte, 1) == 1)
    head += byte;
  return head;
}

inline void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    auto written = ::write(fd, text.data(), text.size());
    if (written <= 0)
      return;
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

// Accepts connections on a thread and hands each (in turn) to `handler`, which owns the fd
// until it returns; the server closes it afterwards.
class RawServer {
 public:
  explicit RawServer(std::function<void(int fd)> handler) : handler_(std::move(handler)) {
    socket_.listen();
    thread_ = std::thread([this] { serve(); });
  }
  ~RawServer() {
    stopping_ = true;
    socket_.shut_down();
    thread_.join();
  }

  int port() const { return socket_.port(); }
  int connections() const { return connections_; }

 private:
  void serve() {
    while (!stopping_) {
      int client = ::accept(socket_.fd(), nullptr, nullptr);
      if (client < 0)
        return;
      ++connections_;
      handler_(client);
      ::close(client);
    }
  }

  std::function<void(int fd)> handler_;
  LoopbackSocket socket_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

}  // namespace spawn::testing
