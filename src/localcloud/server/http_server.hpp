// The HTTP side of the API endpoint: cpp-httplib on 127.0.0.1, every method and
// path handed to ApiFront as an aws::HttpRequest with the raw wire path (S3
// signs it as sent), and the answer sent back as is.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "localcloud/server/api_front.hpp"
#include "util/result.hpp"

namespace httplib {
class Server;
}

namespace spawn::localcloud {

class HttpServer {
 public:
  explicit HttpServer(ApiFront& front);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds `host`:`port` (0 picks a free port); the port is known from then on.
  Result<std::uint16_t> bind(const std::string& host, std::uint16_t port);
  // Serves on a background thread until stop().
  void start();
  void stop();

 private:
  ApiFront& front_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
};

}  // namespace spawn::localcloud
