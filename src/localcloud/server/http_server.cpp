#include "localcloud/server/http_server.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "util/strings.hpp"

namespace spawn::localcloud {
namespace {

// The largest request body accepted (an S3 part or object upload).
constexpr std::size_t kMaxBody = 5ull * 1024 * 1024 * 1024;
constexpr std::size_t kKeepAliveRequests = 1000;
// How long an idle keep-alive connection is held; stop() waits for it, so keep it short.
constexpr std::time_t kKeepAliveSeconds = 1;
// `spawn list` asks every region at once, and AWS makes no request wait for another; the
// local cloud must not either. A keep-alive connection holds its worker thread while it
// is open, so the workers are many (httplib's default is 8 here) ...
constexpr std::size_t kWorkerThreads = 64;
// ... and so is the queue of connections waiting to be accepted: Debian's httplib listens
// with a backlog of 5, and a connection beyond it is dropped and tried again by TCP a
// second later.
constexpr int kListenBacklog = 128;

aws::HttpRequest to_aws(const httplib::Request& request, std::uint16_t port) {
  aws::HttpRequest out;
  out.method = request.method;
  out.url.scheme = "http";
  out.url.port = port;
  std::string host = request.get_header_value("Host");
  out.url.host = host.substr(0, host.rfind(':'));
  std::string_view target = request.target;
  std::size_t question = target.find('?');
  out.url.path = std::string(target.substr(0, question));
  if (question != std::string_view::npos)
    out.url.query = std::string(target.substr(question + 1));
  for (const auto& [name, value] : request.headers) {
    // httplib adds these for its own bookkeeping; they were not sent.
    if (name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
        name == "LOCAL_PORT") {
      continue;
    }
    out.headers.emplace_back(name, value);
  }
  out.body = request.body;
  return out;
}

void send(const aws::HttpResponse& answer, httplib::Response& response) {
  response.status = answer.status;
  std::string content_type = "application/octet-stream";
  for (const auto& [name, value] : answer.headers) {
    if (iequals(name, "Content-Type")) {
      content_type = value;
    } else if (!iequals(name, "Content-Length")) {
      response.set_header(name, value);
    }
  }
  if (!answer.body.empty() || answer.header("Content-Type")) {
    response.set_content(answer.body, content_type);
  }
  if (auto length = answer.header("Content-Length"); length && answer.body.empty()) {
    // HEAD answers announce the length of a body they do not carry.
    response.set_header("Content-Length", std::string(*length));
  }
}

}  // namespace

HttpServer::HttpServer(ApiFront& front)
    : front_(front), server_(std::make_unique<httplib::Server>()) {}

HttpServer::~HttpServer() {
  stop();
}

Result<std::uint16_t> HttpServer::bind(const std::string& host, std::uint16_t port) {
  server_->new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  // httplib offers no backlog setting; listening again on its socket changes the backlog.
  int listening_socket = -1;
  server_->set_socket_options([&listening_socket](int socket) {
    httplib::default_socket_options(socket);
    listening_socket = socket;
  });
  server_->set_payload_max_length(kMaxBody);
  server_->set_keep_alive_max_count(kKeepAliveRequests);
  server_->set_keep_alive_timeout(kKeepAliveSeconds);
  // Headers and body leave in separate writes; without this, Nagle's algorithm and the
  // client's delayed ACK add 40 ms to every answer.
  server_->set_tcp_nodelay(true);
  int bound =
      port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    return fail(ErrorKind::io, "cannot listen on " + host + ":" + std::to_string(port),
                "Is another spawn-localcloud running there? Pick another --port, or 0 for any.");
  }
  if (listening_socket >= 0 && ::listen(listening_socket, kListenBacklog) != 0) {
    return fail(ErrorKind::io,
                fmt::format("cannot listen on {}:{}: {}", host, bound, std::strerror(errno)));
  }
  auto handler = [this, bound](const httplib::Request& request, httplib::Response& response) {
    send(front_.handle(to_aws(request, static_cast<std::uint16_t>(bound))), response);
    // httplib cuts the body to the request's Range after the handler returns; S3 has
    // already answered the range (206 with its own Content-Range), so a second cut would
    // break it. The Request is httplib's own mutable object, handed over as const.
    const_cast<httplib::Request&>(request).ranges.clear();
  };
  server_->Get(".*", handler);
  server_->Post(".*", handler);
  server_->Put(".*", handler);
  server_->Delete(".*", handler);
  server_->Patch(".*", handler);
  server_->Options(".*", handler);
  return static_cast<std::uint16_t>(bound);
}

void HttpServer::start() {
  thread_ = std::thread([this] { server_->listen_after_bind(); });
}

void HttpServer::stop() {
  server_->stop();
  if (thread_.joinable())
    thread_.join();
}

}  // namespace spawn::localcloud
