// The IMDS listeners over Boost.Beast. Each instance has a Listener (its acceptor,
// its token key, its credentials cache) that, once opened, is touched only on the
// io thread; the map of listeners is the only state shared with API threads. A
// connection is kept alive as HTTP/1.1 allows, and dropped when idle for
// kIdleTimeout or when its listener was closed.
#include "localcloud/instances/imds_server.hpp"

#include <fmt/format.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <mutex>
#include <thread>

#include "localcloud/instances/imds_request.hpp"

namespace spawn::localcloud {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kIdleTimeout{30};
constexpr std::size_t kMaxHeaderBytes = std::size_t{8} * 1024;
constexpr std::size_t kMaxBodyBytes = std::size_t{16} * 1024;
constexpr int kHttp11 = 11;

struct CachedCredentials {
  std::string role;
  AccessKey key;
};

struct Listener {
  Listener(asio::io_context& io, std::string id, std::string data)
      : instance_id(std::move(id)), user_data(std::move(data)), acceptor(io) {}

  std::string instance_id;
  std::string user_data;
  tcp::acceptor acceptor;
  std::string endpoint;
  TokenIssuer tokens;
  // Io thread only, from here on.
  std::optional<CachedCredentials> credentials;
  bool closed = false;
};

std::optional<std::string> header(const http::request<http::string_body>& request,
                                  std::string_view name) {
  auto found = request.find(beast::string_view(name.data(), name.size()));
  if (found == request.end()) {
    return std::nullopt;
  }
  return std::string(found->value());
}

ImdsRequest to_imds_request(const http::request<http::string_body>& request) {
  return ImdsRequest{std::string(request.method_string()), std::string(request.target()),
                     header(request, kTokenHeader), header(request, kTokenTtlHeader),
                     request.find("X-Forwarded-For") != request.end()};
}

http::response<http::string_body> to_http_response(const ImdsResponse& answer, bool keep_alive) {
  http::response<http::string_body> response{static_cast<http::status>(answer.status), kHttp11};
  response.set(http::field::server, "EC2ws");
  response.set(http::field::content_type, answer.content_type);
  for (const auto& [name, value] : answer.headers) {
    response.set(name, value);
  }
  response.body() = answer.body;
  response.keep_alive(keep_alive);
  response.prepare_payload();
  return response;
}

// What a connection asks of the server for each request.
class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual ImdsResponse answer(Listener& listener,
                              const http::request<http::string_body>& request) = 0;
};

}  // namespace

struct ImdsServer::Impl final : RequestHandler {
  Impl(MetadataSource& metadata_source, const Clock& time)
      : source(metadata_source),
        clock(time),
        work(io.get_executor()),
        io_thread([this] { io.run(); }) {}

  ImdsResponse answer(Listener& listener, const http::request<http::string_body>& request) override;
  Result<AccessKey> role_credentials(Listener& listener, const std::string& role, SystemTime now);
  void accept(const std::shared_ptr<Listener>& listener);

  MetadataSource& source;
  const Clock& clock;
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work;
  asio::thread_pool callouts{1};
  mutable std::mutex mutex;
  std::map<std::string, std::shared_ptr<Listener>, std::less<>> listeners;  // guarded by mutex
  std::thread io_thread;  // last: starts once everything above exists
};

namespace {

// One connection: read a request, answer it, repeat while the client keeps it alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Listener> listener, RequestHandler& server)
      : stream_(std::move(socket)), listener_(std::move(listener)), server_(server) {}

  void read_request() {
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(kMaxBodyBytes);
    stream_.expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code error, std::size_t) {
                       self->on_request(error);
                     });
  }

 private:
  void on_request(beast::error_code error) {
    if (error || listener_->closed) {
      close();
      return;
    }
    const auto& request = parser_->get();
    auto response = std::make_shared<http::response<http::string_body>>(
        to_http_response(server_.answer(*listener_, request), request.keep_alive()));
    http::async_write(
        stream_, *response,
        [self = shared_from_this(), response](beast::error_code failure, std::size_t) {
          if (failure || !response->keep_alive()) {
            self->close();
          } else {
            self->read_request();
          }
        });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Listener> listener_;
  RequestHandler& server_;
};

}  // namespace

ImdsResponse ImdsServer::Impl::answer(Listener& listener,
                                      const http::request<http::string_body>& request) {
  auto now = clock.now();
  auto metadata = source.metadata(listener.instance_id);
  auto response = answer_imds(
      to_imds_request(request), metadata, listener.tokens, now,
      [&](const InstanceMetadata& instance) {
        return ImdsView{instance, listener.user_data, now,
                        [&] { return role_credentials(listener, instance.role_name, now); }};
      });
  if (response.shutdown_requested) {
    asio::post(callouts, [this, id = listener.instance_id] { source.shutdown_requested(id); });
  }
  return response;
}

Result<AccessKey> ImdsServer::Impl::role_credentials(Listener& listener, const std::string& role,
                                                     SystemTime now) {
  const auto& cached = listener.credentials;
  if (cached && cached->role == role && cached->key.expires &&
      *cached->key.expires - now > kCredentialsRefreshMargin) {
    return cached->key;
  }
  auto key = source.role_credentials(listener.instance_id);
  if (key) {
    listener.credentials = CachedCredentials{role, *key};
  }
  return key;
}

void ImdsServer::Impl::accept(const std::shared_ptr<Listener>& listener) {
  listener->acceptor.async_accept([this, listener](beast::error_code error, tcp::socket socket) {
    if (listener->closed) {
      return;
    }
    if (!error) {
      std::make_shared<Session>(std::move(socket), listener, *this)->read_request();
    }
    accept(listener);
  });
}

ImdsServer::ImdsServer(MetadataSource& source, const Clock& clock)
    : impl_(std::make_unique<Impl>(source, clock)) {}

ImdsServer::~ImdsServer() {
  impl_->callouts.join();
  impl_->work.reset();
  impl_->io.stop();
  impl_->io_thread.join();
  // The io thread is gone: the listeners can be closed from here.
  std::lock_guard lock(impl_->mutex);
  for (const auto& [id, listener] : impl_->listeners) {
    beast::error_code ignored;
    listener->acceptor.close(ignored);
  }
}

Result<std::string> ImdsServer::open(std::string_view instance_id, std::string_view private_ip,
                                     std::string user_data) {
  beast::error_code error;
  auto address = asio::ip::make_address(std::string(private_ip), error);
  if (error) {
    return fail(ErrorKind::usage, fmt::format("{} is not an IP address", private_ip));
  }
  auto listener =
      std::make_shared<Listener>(impl_->io, std::string(instance_id), std::move(user_data));
  tcp::endpoint where(address, 0);
  listener->acceptor.open(where.protocol(), error);
  if (!error)
    listener->acceptor.bind(where, error);
  if (!error)
    listener->acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    return fail(ErrorKind::network, fmt::format("cannot open IMDS for {} on {}: {}", instance_id,
                                                private_ip, error.message()));
  }
  listener->endpoint =
      fmt::format("http://{}:{}", private_ip, listener->acceptor.local_endpoint().port());
  {
    std::lock_guard lock(impl_->mutex);
    if (!impl_->listeners.emplace(std::string(instance_id), listener).second) {
      return fail(ErrorKind::conflict, fmt::format("IMDS for {} is open already", instance_id));
    }
  }
  asio::post(impl_->io, [this, listener] { impl_->accept(listener); });
  return listener->endpoint;
}

void ImdsServer::close(std::string_view instance_id) {
  std::shared_ptr<Listener> listener;
  {
    std::lock_guard lock(impl_->mutex);
    auto found = impl_->listeners.find(instance_id);
    if (found == impl_->listeners.end()) {
      return;
    }
    listener = std::move(found->second);
    impl_->listeners.erase(found);
  }
  asio::post(impl_->io, [listener] {
    listener->closed = true;
    beast::error_code ignored;
    listener->acceptor.close(ignored);
  });
}

std::optional<std::string> ImdsServer::endpoint(std::string_view instance_id) const {
  std::lock_guard lock(impl_->mutex);
  auto found = impl_->listeners.find(instance_id);
  return found == impl_->listeners.end() ? std::nullopt
                                         : std::optional<std::string>(found->second->endpoint);
}

}  // namespace spawn::localcloud
