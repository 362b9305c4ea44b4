#include "localcloud/server/api_front.hpp"

#include <gtest/gtest.h>

#include "aws/error_parse.hpp"
#include "localcloud/server/admin_api.hpp"
#include "server/signed_request.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud {
namespace {

using testing_support::json_request;
using testing_support::query_request;
using testing_support::signed_request;

// A service that answers every operation with its name and records what it saw.
class EchoService final : public Service {
 public:
  EchoService(std::string name, ErrorShape shape) : name_(std::move(name)), shape_(shape) {}
  std::string_view signing_name() const override { return name_; }
  ErrorShape error_shape() const override { return shape_; }
  ApiOutcome handle(const ApiRequest& request) override {
    seen = request;
    if (request.operation == "Fail") {
      return std::unexpected(
          client_error("InvalidVpcID.NotFound", "The vpc ID 'x' does not exist"));
    }
    aws::HttpResponse response;
    response.status = 200;
    response.body = request.operation;
    return response;
  }
  ApiRequest seen;

 private:
  std::string name_;
  ErrorShape shape_;
};

class ApiFrontTest : public ::testing::Test {
 protected:
  ApiFrontTest()
      : store_(std::move(*ResourceStore::open(":memory:"))),
        credentials_(*store_),
        clock_(*parse_iso8601("2026-11-26T12:00:00Z")),
        admin_(faults_, log_,
               AdminApi::Actions{[this](std::string_view id) -> std::expected<void, ApiError> {
                                   interrupted = std::string(id);
                                   return {};
                                 },
                                 [this]() -> Result<void> {
                                   reset_called = true;
                                   return {};
                                 },
                                 [](std::string_view id) -> std::optional<nlohmann::json> {
                                   if (id != "i-0abc")
                                     return std::nullopt;
                                   return nlohmann::json{{"instance_id", id}};
                                 }}),
        front_(ApiFront::Deps{{{"ec2", &ec2_}, {"iam", &iam_}, {"ssm", &ssm_}},
                              credentials_,
                              faults_,
                              log_,
                              clock_,
                              &admin_}) {
    credentials_.add_long_term(std::string(kDefaultAccessKeyId),
                               std::string(kDefaultSecretAccessKey));
  }

  aws::HttpResponse ec2(std::string body, SystemTime signed_at) {
    return front_.handle(
        signed_request(query_request(std::move(body)), "ec2", "eu-west-1", signed_at));
  }

  aws::HttpResponse admin(std::string method, std::string path, std::string body = "") {
    aws::HttpRequest request = query_request(std::move(body));
    request.method = std::move(method);
    request.url.path = std::move(path);
    return front_.handle(request);
  }

  std::unique_ptr<ResourceStore> store_;
  CredentialStore credentials_;
  FakeClock clock_;
  Faults faults_;
  RequestLog log_;
  EchoService ec2_{"ec2", ErrorShape{Protocol::ec2, {}, {}}};
  EchoService iam_{"iam",
                   ErrorShape{Protocol::query, "https://iam.amazonaws.com/doc/2010-05-08/", {}}};
  EchoService ssm_{"ssm", ErrorShape{Protocol::json, {}, "application/x-amz-json-1.1"}};
  AdminApi admin_;
  ApiFront front_;
  std::string interrupted;
  bool reset_called = false;
};

TEST_F(ApiFrontTest, RoutesBySigningScopeAndAction) {
  auto response = ec2("Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-1", clock_.now());
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "DescribeInstances");
  EXPECT_EQ(ec2_.seen.region, "eu-west-1");
  EXPECT_EQ(ec2_.seen.params.list("InstanceId"), std::vector<std::string>{"i-1"});
  EXPECT_EQ(ec2_.seen.access_key_id, kDefaultAccessKeyId);
}

TEST_F(ApiFrontTest, JsonProtocolOperationComesFromTheTarget) {
  auto response =
      front_.handle(signed_request(json_request("AmazonSSM.GetParameter", R"({"Name": "x"})"),
                                   "ssm", "us-east-1", clock_.now()));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "GetParameter");
}

TEST_F(ApiFrontTest, WrongSecretIsSignatureDoesNotMatchInTheServicesShape) {
  aws::Credentials wrong = testing_support::default_credentials();
  wrong.secret_access_key = "not-the-secret";
  auto response =
      front_.handle(signed_request(query_request("Action=GetRole&Version=2010-05-08&RoleName=r"),
                                   "iam", "us-east-1", clock_.now(), wrong));
  EXPECT_EQ(response.status, 403);
  auto error = aws::parse_error_response(aws::Protocol::query, response);
  EXPECT_EQ(error.code, "SignatureDoesNotMatch");
}

TEST_F(ApiFrontTest, UnknownKeyIsAuthFailureForEc2AndUnrecognizedClientForSsm) {
  aws::Credentials stranger{"AKIASTRANGER00000000", "secret", "", std::nullopt, "test"};
  auto ec2_answer =
      front_.handle(signed_request(query_request("Action=DescribeVpcs&Version=2016-11-15"), "ec2",
                                   "us-east-1", clock_.now(), stranger));
  EXPECT_EQ(ec2_answer.status, 401);
  EXPECT_EQ(aws::parse_error_response(aws::Protocol::ec2, ec2_answer).code, "AuthFailure");
  auto ssm_answer = front_.handle(signed_request(json_request("AmazonSSM.GetParameter", "{}"),
                                                 "ssm", "us-east-1", clock_.now(), stranger));
  EXPECT_EQ(ssm_answer.status, 400);
  EXPECT_EQ(aws::parse_error_response(aws::Protocol::json, ssm_answer).code,
            "UnrecognizedClientException");
}

TEST_F(ApiFrontTest, StaleSignatureIsRequestExpired) {
  auto response =
      ec2("Action=DescribeVpcs&Version=2016-11-15", clock_.now() - std::chrono::minutes(16));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(aws::parse_error_response(aws::Protocol::ec2, response).code, "RequestExpired");
  EXPECT_EQ(
      ec2("Action=DescribeVpcs&Version=2016-11-15", clock_.now() - std::chrono::minutes(14)).status,
      200);
}

TEST_F(ApiFrontTest, UnsignedRequestIsRejected) {
  auto response = front_.handle(query_request("Action=DescribeVpcs&Version=2016-11-15"));
  EXPECT_EQ(aws::parse_error_response(aws::Protocol::ec2, response).code,
            "MissingAuthenticationToken");
}

TEST_F(ApiFrontTest, TamperedBodyFailsTheSignature) {
  aws::HttpRequest request =
      signed_request(query_request("Action=TerminateInstances&Version=2016-11-15&InstanceId.1=i-1"),
                     "ec2", "us-east-1", clock_.now());
  request.body = "Action=TerminateInstances&Version=2016-11-15&InstanceId.1=i-2";
  EXPECT_EQ(aws::parse_error_response(aws::Protocol::ec2, front_.handle(request)).code,
            "SignatureDoesNotMatch");
}

TEST_F(ApiFrontTest, ServiceErrorsAreRenderedInTheServicesShape) {
  auto response = ec2("Action=Fail&Version=2016-11-15", clock_.now());
  EXPECT_EQ(response.status, 400);
  auto error = aws::parse_error_response(aws::Protocol::ec2, response);
  EXPECT_EQ(error.code, "InvalidVpcID.NotFound");
  EXPECT_FALSE(error.request_id.empty());
}

TEST_F(ApiFrontTest, UnknownRegionIsRefused) {
  auto response =
      front_.handle(signed_request(query_request("Action=DescribeVpcs&Version=2016-11-15"), "ec2",
                                   "mars-north-1", clock_.now()));
  EXPECT_EQ(aws::parse_error_response(aws::Protocol::ec2, response).code, "InvalidRegion");
}

TEST_F(ApiFrontTest, MissingActionIsA400) {
  auto response = ec2("Version=2016-11-15", clock_.now());
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(aws::parse_error_response(aws::Protocol::ec2, response).code, "MissingAction");
}

TEST_F(ApiFrontTest, InjectedErrorsUseTheChosenCodeAndStatus) {
  faults_.set(FaultSettings{std::chrono::milliseconds(0), 1.0, "RequestLimitExceeded", {}});
  auto response = ec2("Action=DescribeVpcs&Version=2016-11-15", clock_.now());
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(aws::parse_error_response(aws::Protocol::ec2, response).code, "RequestLimitExceeded");
}

TEST_F(ApiFrontTest, ARefusedOperationIsDeniedWithoutBeingDoneAndOnlyAsOftenAsAsked) {
  FaultSettings settings;
  settings.refused = {{"RunInstances", 1}};
  faults_.set(settings);
  auto refused = ec2("Action=RunInstances&Version=2016-11-15", clock_.now());
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(aws::parse_error_response(aws::Protocol::ec2, refused).code, "UnauthorizedOperation");
  EXPECT_TRUE(ec2_.seen.operation.empty()) << "the service never saw it";
  EXPECT_EQ(ec2("Action=RunInstances&Version=2016-11-15", clock_.now()).status, 200);
}

TEST_F(ApiFrontTest, ALostAnswerIsDoneThenReportedAsAnInternalError) {
  FaultSettings settings;
  settings.lost_answers = {{"RunInstances", 1}};
  faults_.set(settings);
  auto lost = ec2("Action=RunInstances&Version=2016-11-15", clock_.now());
  EXPECT_EQ(lost.status, 500);
  EXPECT_EQ(aws::parse_error_response(aws::Protocol::ec2, lost).code, "InternalError");
  EXPECT_EQ(ec2_.seen.operation, "RunInstances") << "the service did the work";
  EXPECT_EQ(ec2("Action=RunInstances&Version=2016-11-15", clock_.now()).status, 200);
}

TEST_F(ApiFrontTest, RequestLogRecordsEachCall) {
  ec2("Action=DescribeVpcs&Version=2016-11-15", clock_.now());
  ec2("Action=Fail&Version=2016-11-15", clock_.now());
  auto records = log_.records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].service, "ec2");
  EXPECT_EQ(records[0].operation, "DescribeVpcs");
  EXPECT_EQ(records[0].region, "eu-west-1");
  EXPECT_EQ(records[0].status, 200);
  EXPECT_EQ(records[1].status, 400);
}

TEST_F(ApiFrontTest, AdminApiSetsFaultsAndRejectsBadOnes) {
  auto set = admin("POST", "/_localcloud/faults",
                   R"({"latency_ms": 5, "error_rate": 0.5, "error_code": "InternalError",
                       "capacity_error": {"type": "p5.48xlarge"}})");
  EXPECT_EQ(set.status, 200);
  EXPECT_EQ(faults_.settings().latency, std::chrono::milliseconds(5));
  EXPECT_TRUE(faults_.capacity_exhausted("p5.48xlarge", "us-east-1a"));
  EXPECT_FALSE(faults_.capacity_exhausted("m7i.large", "us-east-1a"));
  EXPECT_EQ(admin("POST", "/_localcloud/faults", R"({"error_rate": 2})").status, 400);
  EXPECT_EQ(admin("POST", "/_localcloud/faults", R"({"error_code": "Boom"})").status, 400);
  EXPECT_EQ(admin("POST", "/_localcloud/faults", "not json").status, 400);
  EXPECT_EQ(admin("POST", "/_localcloud/faults", R"({"refused": ["CreateRole"]})").status, 400);
  EXPECT_EQ(
      admin("POST", "/_localcloud/faults", R"({"lost_answers": {"RunInstances": -1}})").status,
      400);
  EXPECT_EQ(admin("DELETE", "/_localcloud/faults").status, 200);
  EXPECT_EQ(faults_.settings().error_rate, 0);
}

TEST_F(ApiFrontTest, AdminApiForwardsSpotInterruptionAndReset) {
  EXPECT_EQ(admin("POST", "/_localcloud/instances/i-0abc/spot-interruption").status, 200);
  EXPECT_EQ(interrupted, "i-0abc");
  ec2("Action=DescribeVpcs&Version=2016-11-15", clock_.now());
  EXPECT_EQ(admin("POST", "/_localcloud/reset").status, 200);
  EXPECT_TRUE(reset_called);
  EXPECT_TRUE(log_.records().empty());
  EXPECT_EQ(admin("GET", "/_localcloud/nothing").status, 404);
  EXPECT_EQ(admin("GET", "/_localcloud/reset").status, 405);
}

TEST_F(ApiFrontTest, AdminSandboxAnswersWhatTheAppKnowsAboutTheInstance) {
  auto known = admin("GET", "/_localcloud/instances/i-0abc/sandbox");
  EXPECT_EQ(known.status, 200);
  EXPECT_EQ(nlohmann::json::parse(known.body)["instance_id"], "i-0abc");
  EXPECT_EQ(admin("GET", "/_localcloud/instances/i-0fff/sandbox").status, 404);
  EXPECT_EQ(admin("POST", "/_localcloud/instances/i-0abc/sandbox").status, 405);
}

TEST_F(ApiFrontTest, AdminRequestsReturnsTheLogAsJson) {
  ec2("Action=DescribeVpcs&Version=2016-11-15", clock_.now());
  auto response = admin("GET", "/_localcloud/requests");
  auto body = nlohmann::json::parse(response.body);
  ASSERT_EQ(body["requests"].size(), 1u);
  EXPECT_EQ(body["requests"][0]["operation"], "DescribeVpcs");
}

}  // namespace
}  // namespace spawn::localcloud
