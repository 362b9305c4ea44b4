// RunInstances. The request is read and checked first, the image parameter and
// the instance profile resolved (SSM and IAM are read outside the write), then
// one store write resolves the placement, creates every instance with its
// volumes and records the ClientToken, so a launch is all or nothing. A token seen before in the
// region answers its reservation again when the parameters (DryRun aside) are
// the same, and IdempotentParameterMismatch when they are not. The boots are
// armed only once the write has committed.
#include "localcloud/ids.hpp"
#include "localcloud/server/faults.hpp"
#include "localcloud/services/ec2/ec2_instance_builder.hpp"
#include "localcloud/services/ec2/ec2_instance_operations.hpp"
#include "localcloud/services/ec2/ec2_instance_xml.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {
namespace {

struct Reservation {
  std::string reservation_id;
  std::vector<Json> instances;
};

using Launched = std::expected<Reservation, ApiError>;

// The reservation an earlier request with the same token made, as its instances are now.
Launched replay(Transaction& transaction, std::string_view region, const Json& token,
                const std::string& digest) {
  if (token.value("ParameterDigest", "") != digest) {
    return std::unexpected(client_error("IdempotentParameterMismatch",
                                        "Arguments on this idempotent request are inconsistent "
                                        "with arguments used in previous request(s)."));
  }
  Reservation reservation{token.value("ReservationId", ""), {}};
  for (const Json& id : token.value("InstanceIds", Json::array())) {
    if (Json* instance = transaction.find(region, kInstanceKind, id.get<std::string>()))
      reservation.instances.push_back(*instance);
  }
  return reservation;
}

class Launch {
 public:
  Launch(const InstanceServices& services, const ApiRequest& request, const LaunchRequest& launch)
      : services_(services), request_(request), launch_(launch) {}

  // Creates the instances inside `transaction`.
  Launched create(Transaction& transaction, const LaunchPlan& plan) {
    Reservation reservation{resource_id("r"), {}};
    for (int index = 0; index < launch_.max_count; ++index) {
      auto slot = next_slot(reservation.reservation_id, index, plan);
      if (!slot)
        return std::unexpected(slot.error());
      reservation.instances.push_back(put_instance(transaction, plan, *slot));
    }
    return reservation;
  }

  // Gives back the addresses taken (the write that would have used them failed).
  void release_addresses() {
    for (const std::string& address : addresses_)
      services_.addresses.release(address);
    addresses_.clear();
  }

  const std::vector<Timer>& timers() const { return timers_; }

 private:
  std::expected<std::string, ApiError> take_address(AddressPool pool) {
    auto address = services_.addresses.allocate(pool);
    if (!address) {
      return std::unexpected(server_error("InsufficientInstanceCapacity",
                                          "There are no free addresses left for new instances."));
    }
    addresses_.push_back(*address);
    return *address;
  }

  std::expected<InstanceSlot, ApiError> next_slot(const std::string& reservation_id, int index,
                                                  const LaunchPlan& plan) {
    auto private_ip = take_address(AddressPool::private_ip);
    if (!private_ip)
      return std::unexpected(private_ip.error());
    InstanceSlot slot{resource_id("i"), reservation_id, index, *private_ip, ""};
    if (plan.public_ip) {
      auto public_ip = take_address(AddressPool::public_ip);
      if (!public_ip)
        return std::unexpected(public_ip.error());
      slot.public_ip = *public_ip;
    }
    return slot;
  }

  Json put_instance(Transaction& transaction, const LaunchPlan& plan, const InstanceSlot& slot) {
    TransitionTiming timing = services_.lifecycle.timing();
    BuiltInstance built =
        build_instance(launch_, plan, slot, request_.region, timing.now, timing.now + timing.delay);
    for (Json& volume : built.volumes) {
      std::string volume_id = volume.value("VolumeId", "");
      transaction.put(request_.region, kVolumeKind, volume_id, std::move(volume));
    }
    transaction.put(request_.region, kInstanceKind, slot.instance_id, built.instance);
    timers_.push_back(Timer{request_.region, slot.instance_id, Step::boot, timing.delay});
    return built.instance;
  }

  const InstanceServices& services_;
  const ApiRequest& request_;
  const LaunchRequest& launch_;
  std::vector<std::string> addresses_;
  std::vector<Timer> timers_;
};

void remember_token(Transaction& transaction, std::string_view region, const LaunchRequest& launch,
                    const std::string& digest, const Reservation& reservation) {
  Json ids = Json::array();
  for (const Json& instance : reservation.instances)
    ids.push_back(instance.value("InstanceId", ""));
  transaction.put(region, kClientTokenKind, launch.client_token,
                  Json{{"ClientToken", launch.client_token},
                       {"ReservationId", reservation.reservation_id},
                       {"InstanceIds", std::move(ids)},
                       {"ParameterDigest", digest}});
}

Launched launch_instances(const InstanceServices& services, const ApiRequest& request,
                          const LaunchRequest& launch, const std::optional<ProfileRef>& profile) {
  std::string digest = launch_parameter_digest(request.params);
  Launch creation(services, request, launch);
  auto launched = services.context.deps.store.write([&](Transaction& transaction) -> Launched {
    if (!launch.client_token.empty()) {
      if (Json* token = transaction.find(request.region, kClientTokenKind, launch.client_token))
        return replay(transaction, request.region, *token, digest);
    }
    auto plan = plan_launch(transaction, services.context, request.region, launch, profile);
    if (!plan)
      return std::unexpected(plan.error());
    if (auto dry_run = dry_run_answer(request.params))
      return std::unexpected(*dry_run);
    auto reservation = creation.create(transaction, *plan);
    if (reservation && !launch.client_token.empty())
      remember_token(transaction, request.region, launch, digest, *reservation);
    return reservation;
  });
  if (!launched) {
    creation.release_addresses();
    return launched;
  }
  services.lifecycle.arm(creation.timers());
  return launched;
}

ApiOutcome run_instances(const InstanceServices& services, const ApiRequest& request) {
  auto launch = parse_launch_request(request.params);
  if (!launch)
    return std::unexpected(launch.error());
  auto image_id = resolve_image_id(services.context.deps.store, request.region, launch->image_id);
  if (!image_id)
    return std::unexpected(image_id.error());
  launch->image_id = *image_id;
  std::optional<ProfileRef> profile;
  if (!launch->instance_profile.empty()) {
    ProfileVisibility visibility{request.time, services.context.deps.faults.iam_propagation()};
    auto resolved =
        resolve_instance_profile(services.context.deps.store, launch->instance_profile, visibility);
    if (!resolved)
      return std::unexpected(resolved.error());
    profile = *resolved;
  }
  auto reservation = launch_instances(services, request, *launch, profile);
  if (!reservation)
    return std::unexpected(reservation.error());
  Ec2Response response(request.operation, request.request_id);
  std::vector<const Json*> instances;
  for (const Json& instance : reservation->instances)
    instances.push_back(&instance);
  add_reservation(response.root(), reservation->reservation_id, instances);
  return response.finish();
}

}  // namespace

void add_launch_operations(OperationTable& table, const InstanceServices& services) {
  table["RunInstances"] = [services](const ApiRequest& r) { return run_instances(services, r); };
}

}  // namespace spawn::localcloud
