#include "ec2_network_fixture.hpp"

#include "aws/xml.hpp"
#include "localcloud/ids.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud::network_testing {

Ec2NetworkTest::Ec2NetworkTest(DefaultVpc default_vpc)
    : clock_(*parse_iso8601("2024-12-01T12:00:00Z")),
      store_(std::move(*ResourceStore::open(":memory:"))),
      credentials_(std::make_unique<CredentialStore>(*store_)) {
  ServiceDeps deps{*store_, *credentials_, clock_, faults_, nullptr, {}, {}};
  Ec2Options options;
  options.default_vpc = default_vpc;
  context_ = std::make_unique<Ec2Context>(Ec2Context{deps, options});
  add_network_operations(table_, *context_);
  add_group_operations(table_, *context_);
  add_image_and_key_operations(table_, *context_);
  add_catalog_operations(table_, *context_);
}

Reply Ec2NetworkTest::call(std::string_view operation, std::string_view body,
                           std::string_view region) {
  ApiRequest request;
  request.service = "ec2";
  request.region = std::string(region);
  request.operation = std::string(operation);
  request.account_id = std::string(kAccountId);
  request.request_id = "11111111-2222-3333-4444-555555555555";
  request.time = clock_.now();
  auto params = FormParams::parse(body);
  EXPECT_TRUE(params.has_value()) << body;
  request.params = params.value_or(FormParams{});
  Reply reply;
  auto handler = table_.find(operation);
  if (handler == table_.end()) {
    ADD_FAILURE() << "no handler for " << operation;
    return reply;
  }
  auto outcome = handler->second(request);
  if (!outcome) {
    reply.status = outcome.error().status;
    reply.code = outcome.error().code;
    reply.message = outcome.error().message;
    return reply;
  }
  reply.status = outcome->status;
  auto xml = aws::xml::parse(outcome->body, operation);
  EXPECT_TRUE(xml.has_value()) << outcome->body;
  if (xml)
    reply.xml = std::move(*xml);
  return reply;
}

pugi::xml_node Ec2NetworkTest::ok(std::string_view operation, std::string_view body,
                                  std::string_view region) {
  Reply reply = call(operation, body, region);
  EXPECT_EQ(reply.status, 200) << operation << " " << body << ": " << reply.code << " "
                               << reply.message;
  if (!reply.xml)
    return {};
  answers_.push_back(std::move(reply.xml));
  return answers_.back()->document_element();
}

void Ec2NetworkTest::expect_error(std::string_view operation, std::string_view body,
                                  std::string_view code, std::string_view region, int status) {
  Reply reply = call(operation, body, region);
  EXPECT_EQ(reply.code, code) << operation << " " << body << ": " << reply.message;
  EXPECT_EQ(reply.status, status) << operation << " " << body;
  EXPECT_FALSE(reply.message.empty()) << operation;
}

void Ec2NetworkTest::expect_dry_run(std::string_view operation, std::string_view body,
                                    std::string_view region) {
  std::string with_dry_run = std::string(body) + (body.empty() ? "" : "&") + "DryRun=true";
  expect_error(operation, with_dry_run, "DryRunOperation", region, 412);
}

std::string Ec2NetworkTest::put_instance(Json instance, std::string_view region) {
  std::string id = instance.value("InstanceId", resource_id("i"));
  instance["InstanceId"] = id;
  auto stored = store_->write([&](Transaction& transaction) -> Result<void> {
    transaction.put(region, "instance", id, instance);
    return {};
  });
  EXPECT_TRUE(stored.has_value());
  return id;
}

std::optional<Json> Ec2NetworkTest::document(std::string_view kind, std::string_view id,
                                             std::string_view region) const {
  return store_->get(region, kind, id);
}

std::size_t Ec2NetworkTest::count(std::string_view kind, std::string_view region) const {
  std::size_t size = 0;
  store_->read(region, kind, [&](const ResourceMap& documents) { size = documents.size(); });
  return size;
}

std::string Ec2NetworkTest::create_vpc(std::string_view cidr, std::string_view region) {
  return aws::xml::text(ok("CreateVpc", "CidrBlock=" + std::string(cidr), region), "vpc/vpcId");
}

std::string Ec2NetworkTest::create_subnet(std::string_view vpc_id, std::string_view cidr,
                                          std::string_view region) {
  return aws::xml::text(
      ok("CreateSubnet", "VpcId=" + std::string(vpc_id) + "&CidrBlock=" + std::string(cidr),
         region),
      "subnet/subnetId");
}

std::string Ec2NetworkTest::create_gateway(std::string_view region) {
  return aws::xml::text(ok("CreateInternetGateway", "", region),
                        "internetGateway/internetGatewayId");
}

std::string Ec2NetworkTest::create_group(std::string_view name, std::string_view vpc_id,
                                         std::string_view region) {
  return aws::xml::text(
      ok("CreateSecurityGroup",
         "GroupName=" + std::string(name) + "&GroupDescription=test&VpcId=" + std::string(vpc_id),
         region),
      "groupId");
}

}  // namespace spawn::localcloud::network_testing
