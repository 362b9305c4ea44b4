#include "localcloud/app/localcloud.hpp"

#include <system_error>

#include "localcloud/app/sandbox_facts.hpp"
#include "localcloud/app/state_lock.hpp"
#include "localcloud/auth/credential_store.hpp"
#include "localcloud/instances/sandbox_host.hpp"
#include "localcloud/server/admin_api.hpp"
#include "localcloud/server/api_front.hpp"
#include "localcloud/server/http_server.hpp"
#include "localcloud/server/request_log.hpp"
#include "localcloud/services/iam/iam_service.hpp"
#include "localcloud/services/s3/s3_service.hpp"
#include "localcloud/services/ssm/ssm_service.hpp"
#include "localcloud/services/sts/sts_service.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

// Declared in the order they must be built; destroyed in reverse, so the server stops
// before the services it calls, and the services before the store.
struct Localcloud::Parts {
  LocalcloudOptions options;
  std::optional<StateLock> lock;
  SystemClock clock;
  Faults faults;
  RequestLog log;
  std::unique_ptr<ResourceStore> store;
  std::unique_ptr<CredentialStore> credentials;
  std::unique_ptr<Service> sts, iam, ssm, s3;
  std::unique_ptr<Ec2Emulation> ec2;
  std::unique_ptr<SandboxHost> host;
  std::unique_ptr<AdminApi> admin;
  std::unique_ptr<ApiFront> front;
  std::unique_ptr<HttpServer> server;
  std::uint16_t port = 0;
  bool stopped = false;

  ServiceDeps deps() {
    return ServiceDeps{*store, *credentials, clock, faults, nullptr, options.state_dir, endpoint()};
  }
  std::string endpoint() const { return "http://" + options.host + ":" + std::to_string(port); }
  Result<void> reset();
  std::optional<nlohmann::json> sandbox(std::string_view instance_id) const;
};

namespace {

constexpr std::string_view kStateFile = "localcloud.db";
// Folders of the state dir that hold files rather than documents.
constexpr std::string_view kS3Folder = "s3";

Result<void> prepare_state_dir(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    return fail(ErrorKind::io,
                "cannot create the state dir " + dir.string() + ": " + error.message());
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, error);
  return {};
}

}  // namespace

Result<void> Localcloud::Parts::reset() {
  ec2->reset();
  if (auto cleared = store->clear(); !cleared)
    return cleared;
  std::error_code error;
  std::filesystem::remove_all(options.state_dir / kS3Folder, error);
  return {};
}

std::optional<nlohmann::json> Localcloud::Parts::sandbox(std::string_view instance_id) const {
  auto facts = sandbox_facts(*store, *host, endpoint(), instance_id);
  if (!facts)
    return std::nullopt;
  return to_json(*facts);
}

Result<std::unique_ptr<Localcloud>> Localcloud::start(const LocalcloudOptions& options) {
  auto parts = std::make_unique<Parts>();
  parts->options = options;
  parts->faults.set(options.faults);
  if (auto prepared = prepare_state_dir(options.state_dir); !prepared) {
    return std::unexpected(prepared.error());
  }
  auto lock = StateLock::acquire(options.state_dir);
  if (!lock)
    return std::unexpected(lock.error());
  parts->lock.emplace(std::move(*lock));
  auto store = ResourceStore::open(options.state_dir / kStateFile);
  if (!store)
    return std::unexpected(store.error());
  parts->store = std::move(*store);
  parts->credentials = std::make_unique<CredentialStore>(*parts->store);
  if (options.access_keys.empty()) {
    parts->credentials->add_long_term(std::string(kDefaultAccessKeyId),
                                      std::string(kDefaultSecretAccessKey));
  }
  for (const auto& [key, secret] : options.access_keys) {
    parts->credentials->add_long_term(key, secret);
  }

  // The port must be known before the services, which hand the endpoint to instances.
  parts->admin = std::make_unique<AdminApi>(
      parts->faults, parts->log,
      AdminApi::Actions{[raw = parts.get()](std::string_view id) {
                          return raw->ec2->announce_spot_interruption(id);
                        },
                        [raw = parts.get()] { return raw->reset(); },
                        [raw = parts.get()](std::string_view id) { return raw->sandbox(id); }});
  ApiFront::Deps front_deps{{},         *parts->credentials, parts->faults,
                            parts->log, parts->clock,        parts->admin.get()};
  parts->front = std::make_unique<ApiFront>(std::move(front_deps));
  parts->server = std::make_unique<HttpServer>(*parts->front);
  auto port = parts->server->bind(options.host, options.port);
  if (!port)
    return std::unexpected(port.error());
  parts->port = *port;
  if (auto published = parts->lock->publish(parts->endpoint()); !published) {
    return std::unexpected(published.error());
  }

  ServiceDeps deps = parts->deps();
  parts->sts = make_sts_service(deps);
  parts->iam = make_iam_service(deps);
  parts->ssm = make_ssm_service(deps);
  parts->s3 = make_s3_service(deps);
  parts->ec2 = make_ec2_emulation(deps, options.ec2);
  parts->host = std::make_unique<SandboxHost>(options.state_dir, parts->endpoint(),
                                              parts->ec2->metadata_source());
  parts->ec2->attach_host(*parts->host);
  parts->front->set_services({{"sts", parts->sts.get()},
                              {"iam", parts->iam.get()},
                              {"ssm", parts->ssm.get()},
                              {"s3", parts->s3.get()},
                              {"ec2", parts->ec2.get()}});
  parts->ec2->resume_after_restart();
  parts->server->start();
  return std::unique_ptr<Localcloud>(new Localcloud(std::move(parts)));
}

Localcloud::Localcloud(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

Localcloud::~Localcloud() {
  stop();
}

std::uint16_t Localcloud::port() const {
  return parts_->port;
}

std::string Localcloud::endpoint_url() const {
  return parts_->endpoint();
}

void Localcloud::stop() {
  if (parts_->stopped)
    return;
  parts_->stopped = true;
  parts_->server->stop();
  parts_->ec2->halt_all();
}

}  // namespace spawn::localcloud
