// Everything between the HTTP server and the services, as one function from a
// received request to the answer: admin paths, injected latency, signature
// check, routing, injected errors, the service call, error rendering, and the
// request log. Kept free of the HTTP library so tests and the fuzz target can
// drive it directly.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "aws/http.hpp"
#include "localcloud/api/service.hpp"
#include "localcloud/auth/credential_store.hpp"
#include "localcloud/server/faults.hpp"
#include "localcloud/server/request_log.hpp"
#include "util/clock.hpp"

namespace spawn::localcloud {

// Answers /_localcloud/... requests (see admin_api.hpp).
class AdminHandler {
 public:
  virtual ~AdminHandler() = default;
  virtual aws::HttpResponse handle(const aws::HttpRequest& request) = 0;
};

inline constexpr std::string_view kAdminPrefix = "/_localcloud/";

class ApiFront {
 public:
  struct Deps {
    std::map<std::string, Service*, std::less<>> services;  // by signing name
    CredentialStore& credentials;
    Faults& faults;
    RequestLog& log;
    Clock& clock;
    AdminHandler* admin = nullptr;
  };
  explicit ApiFront(Deps deps) : deps_(std::move(deps)) {}
  // Sets the services when they are built after the front (they need its port); call
  // before the server starts.
  void set_services(std::map<std::string, Service*, std::less<>> services) {
    deps_.services = std::move(services);
  }

  aws::HttpResponse handle(const aws::HttpRequest& request);

 private:
  // The service's answer (or error) for an authenticated request, with `record` filled in.
  aws::HttpResponse answer(const aws::HttpRequest& request, const std::string& request_id,
                           RequestRecord& record);
  ErrorShape shape_of(std::string_view service) const;

  Deps deps_;
};

}  // namespace spawn::localcloud
