// The real transport: Boost.Beast HTTP/1.1 over Asio, TLS by OpenSSL.
//
// Shape: every connection owns its own io_context, and the thread that took
// the connection from the pool runs that context until its one operation is
// done. No background thread, no shared executor: concurrent sends simply use
// different connections, and only the idle pool is behind a mutex.
//
// Deadlines: connection set-up (DNS, TCP connect, a proxy's CONNECT, the TLS
// handshake) shares one deadline of Timeouts::connect; writing the request and
// reading the whole response share one of Timeouts::read. tcp_stream closes
// the socket when its expiry passes, which completes the operation with
// beast::error::timeout. DNS runs in Asio's resolver thread and is cancelled
// at the deadline (getaddrinfo itself cannot be interrupted).
//
// Keep-alive: a connection goes back to the pool when the response allowed it.
// A server may close an idle connection at any time, so a request that fails
// on a reused connection before any response byte arrived is sent once more on
// a fresh connection (the other idle ones to that host are dropped too).
//
// Proxies: http URLs go to the proxy in absolute form; https URLs get a
// CONNECT tunnel, then TLS to the real host through it, verified against the
// real host's name (SNI too, except for IP literals, which SNI forbids).
#include "aws/beast_transport.hpp"

#include <fmt/format.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>

#include "util/strings.hpp"

namespace spawn::aws {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
using SteadyClock = std::chrono::steady_clock;
using WireRequest = http::request<http::string_body>;
using ResponseParser = http::response_parser<http::string_body>;

constexpr std::size_t kMaxIdlePerRoute = 4;
constexpr auto kMaxIdleTime = std::chrono::seconds(30);
constexpr std::uint32_t kMaxHeaderBytes = 64 * 1024;
constexpr unsigned kHttp11 = 11;

Error network_error(std::string message) {
  return Error{ErrorKind::network, std::move(message), std::nullopt};
}

Error timeout_error(std::string message) {
  return Error{ErrorKind::timeout, std::move(message), std::nullopt};
}

std::string seconds_text(std::chrono::milliseconds duration) {
  return fmt::format("{:g} s", static_cast<double>(duration.count()) / 1000.0);
}

// "host:port" with brackets around IPv6 literals: how a person (and CONNECT) names an endpoint.
std::string host_port(const Url& url) {
  bool v6 = url.host.find(':') != std::string::npos;
  return v6 ? fmt::format("[{}]:{}", url.host, url.port) : fmt::format("{}:{}", url.host, url.port);
}

bool is_ip_literal(const std::string& host) {
  beast::error_code error;
  asio::ip::make_address(host, error);
  return !error;
}

// Where a request's connection goes: the target, and the proxy in between, if any.
struct Route {
  Url target;
  std::optional<Url> proxy;

  bool tunnelled() const { return proxy && target.scheme == "https"; }
  bool absolute_form() const { return proxy && target.scheme == "http"; }
  const Url& first_hop() const { return proxy ? *proxy : target; }
  std::string key() const {
    std::string key = target.scheme + "://" + host_port(target);
    return proxy ? key + " via " + host_port(*proxy) : key;
  }
};

// One connection and the io_context that drives it.
struct Connection {
  asio::io_context io;
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<TlsStream> tls;
  beast::flat_buffer buffer;
  SteadyClock::time_point idle_since;

  beast::tcp_stream& tcp() { return tls ? beast::get_lowest_layer(*tls) : *plain; }

  // Calls `operation` with the stream requests are written to: TLS when there is TLS.
  template <class Operation>
  beast::error_code on_stream(Operation&& operation) {
    return tls ? operation(*tls) : operation(*plain);
  }
};

// Starts one asynchronous operation through `start(handler)` and runs `io` until it is done.
template <class Start>
beast::error_code run_to_completion(asio::io_context& io, Start&& start) {
  beast::error_code result;
  start([&result](beast::error_code error, auto&&...) { result = error; });
  io.restart();
  io.run();
  return result;
}

// Idle keep-alive connections per route. Connections are taken out while in use.
class ConnectionPool {
 public:
  std::unique_ptr<Connection> take(const std::string& route_key) {
    std::lock_guard lock(mutex_);
    auto& idle = idle_[route_key];
    while (!idle.empty()) {
      auto connection = std::move(idle.back());
      idle.pop_back();
      if (SteadyClock::now() - connection->idle_since < kMaxIdleTime)
        return connection;
    }
    return nullptr;
  }

  void give_back(const std::string& route_key, std::unique_ptr<Connection> connection) {
    connection->idle_since = SteadyClock::now();
    std::lock_guard lock(mutex_);
    auto& idle = idle_[route_key];
    if (idle.size() >= kMaxIdlePerRoute)
      idle.pop_front();
    idle.push_back(std::move(connection));
  }

  void drop(const std::string& route_key) {
    std::lock_guard lock(mutex_);
    idle_.erase(route_key);
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::deque<std::unique_ptr<Connection>>> idle_;
};

Result<tcp::resolver::results_type> resolve(Connection& connection, const Url& hop,
                                            SteadyClock::time_point deadline) {
  tcp::resolver resolver(connection.io);
  tcp::resolver::results_type results;
  std::optional<beast::error_code> outcome;
  resolver.async_resolve(hop.host, std::to_string(hop.port),
                         [&](beast::error_code error, tcp::resolver::results_type found) {
                           outcome = error;
                           results = std::move(found);
                         });
  connection.io.restart();
  connection.io.run_until(deadline);
  if (!outcome) {
    resolver.cancel();
    connection.io.run();
    return std::unexpected(
        timeout_error(fmt::format("cannot resolve {}: no answer in time", hop.host)));
  }
  if (*outcome) {
    return std::unexpected(
        network_error(fmt::format("cannot resolve {}: {}", hop.host, outcome->message())));
  }
  return results;
}

Result<void> connect_tcp(Connection& connection, const Route& route,
                         SteadyClock::time_point deadline, std::chrono::milliseconds budget) {
  const Url& hop = route.first_hop();
  auto endpoints = resolve(connection, hop, deadline);
  if (!endpoints)
    return std::unexpected(endpoints.error());
  connection.plain = std::make_unique<beast::tcp_stream>(connection.io);
  connection.plain->expires_at(deadline);
  auto error = run_to_completion(connection.io, [&](auto handler) {
    connection.plain->async_connect(*endpoints, std::move(handler));
  });
  std::string what = route.proxy ? "proxy " + host_port(hop) : host_port(hop);
  if (error == beast::error::timeout) {
    return std::unexpected(timeout_error(
        fmt::format("cannot connect to {}: no answer within {}", what, seconds_text(budget))));
  }
  if (error) {
    return std::unexpected(
        network_error(fmt::format("cannot connect to {}: {}", what, error.message())));
  }
  return {};
}

// Asks the proxy for a tunnel to the target (CONNECT host:port) and checks it said yes.
Result<void> open_tunnel(Connection& connection, const Route& route,
                         const std::string& user_agent) {
  std::string authority = host_port(route.target);
  http::request<http::empty_body> request{http::verb::connect, authority, kHttp11};
  request.set(http::field::host, authority);
  if (!user_agent.empty())
    request.set(http::field::user_agent, user_agent);
  http::response_parser<http::empty_body> parser;
  parser.skip(true);  // a CONNECT answer has no body; what follows belongs to the tunnel
  auto error = run_to_completion(connection.io, [&](auto handler) {
    http::async_write(*connection.plain, request, std::move(handler));
  });
  if (!error) {
    error = run_to_completion(connection.io, [&](auto handler) {
      http::async_read(*connection.plain, connection.buffer, parser, std::move(handler));
    });
  }
  std::string proxy = host_port(*route.proxy);
  if (error) {
    auto message = fmt::format("proxy {} failed to open a tunnel to {}: {}", proxy, authority,
                               error.message());
    return std::unexpected(error == beast::error::timeout ? timeout_error(std::move(message))
                                                          : network_error(std::move(message)));
  }
  auto status = parser.get().result_int();
  if (status / 100 != 2) {
    return std::unexpected(
        network_error(fmt::format("proxy {} refused a tunnel to {}: HTTP {} {}", proxy, authority,
                                  status, std::string(parser.get().reason()))));
  }
  return {};
}

// Asks OpenSSL to check the certificate names `host`, and to send it as SNI.
void expect_peer_name(SSL* ssl, const std::string& host) {
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (is_ip_literal(host)) {
    X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
    return;
  }
  X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
  SSL_set_tlsext_host_name(ssl, host.c_str());
}

Error handshake_error(SSL* ssl, const Route& route, beast::error_code error,
                      std::chrono::milliseconds budget) {
  std::string host = host_port(route.target);
  if (error == beast::error::timeout) {
    return timeout_error(
        fmt::format("TLS handshake with {} did not finish within {}", host, seconds_text(budget)));
  }
  long verify = SSL_get_verify_result(ssl);
  if (verify != X509_V_OK) {
    return network_error(fmt::format(
        "cannot verify the TLS certificate of {}: {} (if a proxy or firewall re-signs HTTPS "
        "traffic, point AWS_CA_BUNDLE at its CA certificate)",
        host, X509_verify_cert_error_string(verify)));
  }
  return network_error(fmt::format("TLS handshake with {} failed: {}", host, error.message()));
}

Result<void> start_tls(Connection& connection, const Route& route, ssl::context& context,
                       SteadyClock::time_point deadline, std::chrono::milliseconds budget) {
  connection.tls = std::make_unique<TlsStream>(std::move(*connection.plain), context);
  connection.plain.reset();
  connection.tcp().expires_at(deadline);
  SSL* ssl = connection.tls->native_handle();
  expect_peer_name(ssl, route.target.host);
  auto error = run_to_completion(connection.io, [&](auto handler) {
    connection.tls->async_handshake(ssl::stream_base::client, std::move(handler));
  });
  if (error)
    return std::unexpected(handshake_error(ssl, route, error, budget));
  return {};
}

Result<void> load_trust(ssl::context& context, const CaBundle& bundle) {
  beast::error_code error;
  context.set_verify_mode(ssl::verify_peer);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
  if (!bundle.file && !bundle.directory)
    context.set_default_verify_paths(error);
  if (bundle.file && !error)
    context.load_verify_file(bundle.file->string(), error);
  if (bundle.directory && !error)
    context.add_verify_path(bundle.directory->string(), error);
  if (error) {
    std::string where = bundle.file ? bundle.file->string()
                                    : (bundle.directory ? bundle.directory->string() : "default");
    return fail(ErrorKind::io,
                fmt::format("cannot load the CA certificates from {}: {}", where, error.message()));
  }
  return {};
}

bool method_has_body(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

WireRequest wire_request(const HttpRequest& request, const Route& route,
                         const std::string& user_agent) {
  WireRequest wire;
  wire.method_string({request.method.data(), request.method.size()});
  std::string target = route.absolute_form() ? request.url.to_string() : request.url.target();
  wire.target({target.data(), target.size()});
  wire.version(kHttp11);
  for (const auto& [name, value] : request.headers) {
    if (!iequals(name, "Content-Length"))
      wire.insert({name.data(), name.size()}, value);
  }
  if (!request.header("Host"))
    wire.set(http::field::host, request.url.authority());
  if (!request.header("User-Agent") && !user_agent.empty()) {
    wire.set(http::field::user_agent, user_agent);
  }
  wire.body() = request.body;
  if (!request.body.empty() || method_has_body(request.method)) {
    wire.content_length(request.body.size());
  }
  return wire;
}

HttpResponse from_wire(http::response<http::string_body>&& wire) {
  HttpResponse response;
  response.status = static_cast<int>(wire.result_int());
  for (const auto& field : wire) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  response.body = std::move(wire.body());
  return response;
}

// What one request/response exchange on a connection produced.
struct Exchange {
  Result<HttpResponse> result;
  bool response_started = false;  // some response byte arrived
  bool keep_alive = false;
};

Error exchange_error(beast::error_code error, const Route& route, const Timeouts& timeouts,
                     std::size_t body_limit) {
  std::string host = host_port(route.target);
  if (error == beast::error::timeout) {
    return timeout_error(
        fmt::format("no complete answer from {} within {}", host, seconds_text(timeouts.read)));
  }
  if (error == http::error::body_limit) {
    return network_error(
        fmt::format("the answer from {} is larger than the {} MiB limit", host, body_limit >> 20));
  }
  return network_error(fmt::format("connection to {} failed: {}", host, error.message()));
}

// Reads the head, then the body. Beast 1.74's eager parsing (what async_read turns on) loses a
// body_limit error when body bytes come in the same read as the head, so the head is read alone.
beast::error_code read_response(Connection& connection, ResponseParser& parser) {
  auto error = connection.on_stream([&](auto& stream) {
    return run_to_completion(connection.io, [&](auto handler) {
      http::async_read_header(stream, connection.buffer, parser, std::move(handler));
    });
  });
  if (error || parser.is_done())
    return error;
  return connection.on_stream([&](auto& stream) {
    return run_to_completion(connection.io, [&](auto handler) {
      http::async_read(stream, connection.buffer, parser, std::move(handler));
    });
  });
}

Exchange exchange(Connection& connection, WireRequest& request, const Route& route,
                  const Timeouts& timeouts, std::size_t body_limit) {
  ResponseParser parser;
  parser.body_limit(body_limit);
  parser.header_limit(kMaxHeaderBytes);
  if (request.method() == http::verb::head)
    parser.skip(true);
  connection.tcp().expires_after(timeouts.read);
  auto error = connection.on_stream([&](auto& stream) {
    return run_to_completion(connection.io, [&](auto handler) {
      http::async_write(stream, request, std::move(handler));
    });
  });
  if (!error)
    error = read_response(connection, parser);
  if (error) {
    return Exchange{std::unexpected(exchange_error(error, route, timeouts, body_limit)),
                    parser.got_some(), false};
  }
  bool keep_alive = parser.get().keep_alive();
  return Exchange{from_wire(parser.release()), true, keep_alive};
}

class BeastTransport final : public HttpTransport {
 public:
  explicit BeastTransport(TransportOptions options) : options_(std::move(options)) {
    auto loaded = load_trust(tls_context_, options_.ca_bundle);
    if (!loaded)
      setup_error_ = loaded.error();
  }

  Result<HttpResponse> send(const HttpRequest& request, const Timeouts& timeouts) override {
    if (setup_error_)
      return std::unexpected(*setup_error_);
    Route route{request.url, options_.proxy.proxy_for(request.url)};
    if (route.proxy && route.proxy->scheme != "http") {
      return fail(ErrorKind::usage, fmt::format("proxy {} is not supported: use an http:// proxy",
                                                route.proxy->to_string()));
    }
    WireRequest wire = wire_request(request, route, options_.user_agent);
    if (auto connection = pool_.take(route.key())) {
      auto reused = exchange(*connection, wire, route, timeouts, options_.max_response_body);
      if (reused.result || reused.response_started ||
          reused.result.error().kind == ErrorKind::timeout) {
        return finish(route, std::move(connection), std::move(reused));
      }
      pool_.drop(route.key());  // the server closed it while idle; its siblings are suspect too
    }
    auto fresh = connect(route, timeouts);
    if (!fresh)
      return std::unexpected(fresh.error());
    auto answer = exchange(**fresh, wire, route, timeouts, options_.max_response_body);
    return finish(route, std::move(*fresh), std::move(answer));
  }

 private:
  Result<std::unique_ptr<Connection>> connect(const Route& route, const Timeouts& timeouts) {
    auto connection = std::make_unique<Connection>();
    auto deadline = SteadyClock::now() + timeouts.connect;
    if (auto connected = connect_tcp(*connection, route, deadline, timeouts.connect); !connected) {
      return std::unexpected(connected.error());
    }
    if (route.tunnelled()) {
      if (auto tunnel = open_tunnel(*connection, route, options_.user_agent); !tunnel) {
        return std::unexpected(tunnel.error());
      }
    }
    if (route.target.scheme == "https") {
      if (auto secured = start_tls(*connection, route, tls_context_, deadline, timeouts.connect);
          !secured) {
        return std::unexpected(secured.error());
      }
    }
    return connection;
  }

  Result<HttpResponse> finish(const Route& route, std::unique_ptr<Connection> connection,
                              Exchange&& answer) {
    if (answer.result && answer.keep_alive)
      pool_.give_back(route.key(), std::move(connection));
    return std::move(answer.result);
  }

  TransportOptions options_;
  ssl::context tls_context_{ssl::context::tls_client};
  std::optional<Error> setup_error_;
  ConnectionPool pool_;
};

}  // namespace

std::unique_ptr<HttpTransport> make_beast_transport(TransportOptions options) {
  return std::make_unique<BeastTransport>(std::move(options));
}

}  // namespace spawn::aws
