#include "ec2_test_fixture.hpp"

#include <algorithm>
#include <thread>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/ec2/ec2_instance_document.hpp"
#include "localcloud/services/iam/iam_lookup.hpp"

namespace spawn::localcloud::testing {

Result<void> FakeHost::boot(const BootSpec& spec) {
  record({"boot", spec.instance_id, spec.mode, spec.user_data, spec.private_ip});
  if (fail_boots)
    return fail(ErrorKind::io, "the sandbox would not start");
  return {};
}

void FakeHost::record(HostCall call) {
  {
    std::lock_guard lock(mutex_);
    calls_.push_back(std::move(call));
  }
  changed_.notify_all();
}

std::vector<HostCall> FakeHost::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

std::vector<std::string> FakeHost::actions_of(std::string_view instance_id) const {
  std::vector<std::string> actions;
  for (const HostCall& call : calls()) {
    if (call.instance_id == instance_id)
      actions.push_back(call.action);
  }
  return actions;
}

bool FakeHost::wait_for(std::string_view instance_id, std::string_view action, int times) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, kPatience, [&] {
    return std::count_if(calls_.begin(), calls_.end(), [&](const HostCall& call) {
             return call.instance_id == instance_id && call.action == action;
           }) >= times;
  });
}

bool eventually(const std::function<bool()>& condition) {
  auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

Ec2Test::Ec2Test() {
  options.boot_delay = std::chrono::milliseconds(20);
  options.spot_interruption_delay = std::chrono::milliseconds(30);
  options.terminated_retention = std::chrono::minutes(10);
}

Ec2Test::~Ec2Test() {
  ec2.reset();
}

void Ec2Test::use_store_file(const std::filesystem::path& path) {
  store_path_ = path;
}

void Ec2Test::start() {
  if (!store) {
    auto opened = ResourceStore::open(store_path_);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    store = std::move(*opened);
    credentials = std::make_unique<CredentialStore>(*store);
  }
  ServiceDeps deps{
      *store, *credentials, clock, faults, nullptr, ::testing::TempDir(), "http://127.0.0.1:4566"};
  ec2 = make_ec2_emulation(deps, options);
  ec2->attach_host(host);
}

void Ec2Test::restart() {
  ec2.reset();
  store.reset();
  credentials.reset();
  start();
}

Answer Ec2Test::call(std::string_view operation, std::string_view body, std::string_view region) {
  if (!ec2)
    start();
  ApiRequest request;
  request.service = "ec2";
  request.region = std::string(region);
  request.operation = std::string(operation);
  request.account_id = std::string(kAccountId);
  request.request_id = "req-1";
  request.time = clock.now();
  auto params = FormParams::parse(body);
  EXPECT_TRUE(params.has_value()) << body;
  if (params)
    request.params = std::move(*params);
  request.params.set("Action", std::string(operation));
  auto outcome = ec2->handle(request);
  Answer answer;
  aws::HttpResponse response =
      outcome ? *outcome : render_error(ec2->error_shape(), outcome.error(), request.request_id);
  answer.status = response.status;
  answer.body = response.body;
  answer.code = outcome ? "" : outcome.error().code;
  answer.xml.load_string(answer.body.c_str());
  return answer;
}

std::vector<std::string> Ec2Test::launch(std::string_view extra, int count,
                                         std::string_view region) {
  std::string body =
      "ImageId=ami-0a1c2e3f4a5b6c7d8&InstanceType=t3.micro&MinCount=" + std::to_string(count) +
      "&MaxCount=" + std::to_string(count);
  if (!extra.empty())
    body += "&" + std::string(extra);
  Answer answer = call("RunInstances", body, region);
  EXPECT_EQ(answer.status, 200) << answer.body;
  std::vector<std::string> ids;
  for (pugi::xml_node item : answer.root().child("instancesSet").children("item"))
    ids.push_back(item.child_value("instanceId"));
  return ids;
}

Json Ec2Test::instance(std::string_view id, std::string_view region) const {
  return store->get(region, kInstanceKind, id).value_or(Json::object());
}

std::string Ec2Test::state_of(std::string_view id) const {
  return instance(id).value(Json::json_pointer("/State/Name"), "");
}

bool Ec2Test::wait_for_state(std::string_view id, std::string_view state) const {
  return eventually([&] { return state_of(id) == state; });
}

void Ec2Test::add_instance_profile(std::string_view profile, std::string_view role) {
  if (!ec2)
    start();
  std::string arn_prefix = "arn:aws:iam::" + std::string(kAccountId) + ":";
  auto written = store->write([&](Transaction& transaction) -> Result<void> {
    transaction.put(kIamRegion, kRoleKind, iam_key(role),
                    Json{{"RoleName", role},
                         {"RoleId", "AROATESTROLE"},
                         {"Arn", arn_prefix + "role/" + std::string(role)}});
    transaction.put(kIamRegion, kInstanceProfileKind, iam_key(profile),
                    Json{{"InstanceProfileName", profile},
                         {"InstanceProfileId", "AIPATESTPROFILE"},
                         {"Arn", arn_prefix + "instance-profile/" + std::string(profile)},
                         {"RoleNames", Json::array({role})}});
    return {};
  });
  ASSERT_TRUE(written.has_value());
}

}  // namespace spawn::localcloud::testing
