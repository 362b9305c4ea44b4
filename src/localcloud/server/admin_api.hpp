// The admin API under /_localcloud/, for tests, benchmarks and users who script
// localcloud. It is small and stable on purpose (docs/localcloud.md lists it):
//   GET    /_localcloud/health                           {"status": "ok"}
//   GET    /_localcloud/faults                           current fault settings
//   POST   /_localcloud/faults                           set them (JSON, see faults.hpp)
//   DELETE /_localcloud/faults                           clear them
//   POST   /_localcloud/instances/<id>/spot-interruption announce a spot interruption
//   GET    /_localcloud/instances/<id>/sandbox           how to enter its sandbox (shell)
//   GET    /_localcloud/requests                         the request log
//   DELETE /_localcloud/requests                         empty the request log
//   POST   /_localcloud/reset                            forget every resource
// Answers are JSON; mistakes are 400/404 with {"error": "..."}.
#pragma once

#include <expected>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "localcloud/api/api.hpp"
#include "localcloud/server/api_front.hpp"
#include "localcloud/server/faults.hpp"
#include "localcloud/server/request_log.hpp"

namespace spawn::localcloud {

class AdminApi final : public AdminHandler {
 public:
  struct Actions {
    std::function<std::expected<void, ApiError>(std::string_view instance_id)> spot_interruption;
    std::function<Result<void>()> reset;
    // What `spawn-localcloud shell` needs to enter the instance's sandbox; nullopt when
    // there is no such instance.
    std::function<std::optional<nlohmann::json>(std::string_view instance_id)> sandbox;
  };
  AdminApi(Faults& faults, RequestLog& log, Actions actions)
      : faults_(faults), log_(log), actions_(std::move(actions)) {}

  aws::HttpResponse handle(const aws::HttpRequest& request) override;

 private:
  aws::HttpResponse faults(const aws::HttpRequest& request);
  aws::HttpResponse requests(const aws::HttpRequest& request);
  aws::HttpResponse spot_interruption(std::string_view instance_id);
  aws::HttpResponse sandbox(std::string_view instance_id);

  Faults& faults_;
  RequestLog& log_;
  Actions actions_;
};

}  // namespace spawn::localcloud
