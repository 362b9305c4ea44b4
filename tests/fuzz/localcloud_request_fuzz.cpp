// What localcloud reads from untrusted clients once a request is signed: the
// routing (service and operation), the form and JSON bodies, and each
// service's handling of whatever parameters arrive. The input is
//   <method>\n<path?query>\n<X-Amz-Target>\n<body>
// and is offered to every service as if correctly signed, so the fuzzer reaches
// the parsers behind authentication. Any answer is fine; a crash, a hang or an
// exception is not.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "localcloud/auth/credential_store.hpp"
#include "localcloud/server/faults.hpp"
#include "localcloud/server/router.hpp"
#include "localcloud/services/ec2/ec2_service.hpp"
#include "localcloud/services/iam/iam_service.hpp"
#include "localcloud/services/s3/s3_service.hpp"
#include "localcloud/services/ssm/ssm_service.hpp"
#include "localcloud/services/sts/sts_service.hpp"
#include "localcloud/store/resource_store.hpp"

namespace {

using namespace spawn::localcloud;

// Sandboxes are not the target here: state changes are accepted and nothing runs.
class InertHost final : public InstanceHost {
 public:
  spawn::Result<void> boot(const BootSpec&) override { return {}; }
  void halt(std::string_view) override {}
  void freeze(std::string_view) override {}
  void thaw(std::string_view) override {}
  void destroy(std::string_view) override {}
  std::string console_output(std::string_view) const override { return "console"; }
};

struct Services {
  Services()
      : state_dir(std::filesystem::temp_directory_path() /
                  ("localcloud-fuzz-" + std::to_string(getpid()))),
        store(std::move(*ResourceStore::open(":memory:"))),
        credentials(*store),
        deps{*store, credentials, clock, faults, &host, state_dir, "http://127.0.0.1:4580"} {
    Ec2Options options;
    options.boot_delay = std::chrono::hours(1);  // keep instances pending: no timers fire
    ec2 = make_ec2_emulation(deps, options);
    ec2->attach_host(host);
    all = {{"ec2", ec2.get()}};
    owned.push_back(make_iam_service(deps));
    owned.push_back(make_sts_service(deps));
    owned.push_back(make_ssm_service(deps));
    owned.push_back(make_s3_service(deps));
    for (auto& service : owned)
      all.emplace_back(std::string(service->signing_name()), service.get());
  }

  std::filesystem::path state_dir;
  spawn::SystemClock clock;
  Faults faults;
  InertHost host;
  std::unique_ptr<ResourceStore> store;
  CredentialStore credentials;
  ServiceDeps deps;
  std::unique_ptr<Ec2Emulation> ec2;
  std::vector<std::unique_ptr<Service>> owned;
  std::vector<std::pair<std::string, Service*>> all;
};

std::string_view take_line(std::string_view& text) {
  auto end = text.find('\n');
  auto line = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  return line;
}

spawn::aws::HttpRequest request_from(std::string_view text) {
  spawn::aws::HttpRequest request;
  request.method = std::string(take_line(text));
  std::string_view target = take_line(text);
  std::string_view amz_target = take_line(text);
  std::size_t question = target.find('?');
  request.url = spawn::aws::Url{"http", "127.0.0.1", 4580, std::string(target.substr(0, question)),
                                question == std::string_view::npos
                                    ? std::string()
                                    : std::string(target.substr(question + 1))};
  request.headers = {{"Host", "127.0.0.1:4580"}};
  if (!amz_target.empty())
    request.headers.emplace_back("X-Amz-Target", std::string(amz_target));
  request.body = std::string(text);
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Services services;
  spawn::aws::HttpRequest request =
      request_from(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)guess_service(request);
  for (const auto& [name, service] : services.all) {
    auto operation = read_operation(name, request);
    if (!operation)
      continue;
    ApiRequest api{request,          name,           "us-east-1",    operation->name,
                   "AKIAFUZZ",       "123456789012", "fuzz-request", services.clock.now(),
                   operation->params};
    (void)service->handle(api);
  }
  return 0;
}
