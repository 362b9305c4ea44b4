// localcloud's admin API (/_localcloud/) over plain HTTP, as tests and users
// script it: injected errors the AWS CLI then sees, the request log, and
// capacity errors for one instance type.
#include "localcloud_suite.hpp"
#include "plain_http.hpp"

namespace spawn::conformance {
namespace {

class AdminApi : public LocalcloudSuite {
 protected:
  // Sends `method /_localcloud/<path>` and expects a 200; returns the parsed answer.
  static nlohmann::json admin(const std::string& method, const std::string& path,
                              const std::string& body = "") {
    auto answer = plain_http(method, server_url("/_localcloud/" + path), body);
    EXPECT_TRUE(answer) << method << " " << path << ": " << answer.error().message;
    if (!answer)
      return nullptr;
    EXPECT_EQ(answer->status, 200) << method << " " << path << ": " << answer->body;
    return nlohmann::json::parse(answer->body, nullptr, false);
  }
};

// Clears the faults when the test ends, so a failure cannot leak them into later tests.
struct FaultsCleared {
  ~FaultsCleared() { plain_http("DELETE", url); }
  std::string url;
};

TEST_F(AdminApi, InjectedErrorsFailCallsUntilClearedAndTheLogShowsThem) {
  FaultsCleared guard{server_url("/_localcloud/faults")};
  admin("DELETE", "requests");
  admin("POST", "faults", R"({"error_rate": 1, "error_code": "RequestLimitExceeded"})");
  EXPECT_TRUE(fails_with(aws({"ec2", "describe-vpcs"}), "RequestLimitExceeded"));

  admin("DELETE", "faults");
  AwsResult cleared = aws({"ec2", "describe-vpcs"});
  EXPECT_TRUE(cleared.succeeded()) << cleared;

  nlohmann::json log = admin("GET", "requests");
  std::vector<int> statuses;
  for (const nlohmann::json& request : json_at(log, "/requests")) {
    if (text_at(request, "/operation") != "DescribeVpcs")
      continue;
    EXPECT_EQ(text_at(request, "/service"), "ec2") << request.dump();
    EXPECT_EQ(text_at(request, "/region"), "us-east-1") << request.dump();
    nlohmann::json status = json_at(request, "/status");
    statuses.push_back(status.is_number() ? status.get<int>() : -1);
  }
  EXPECT_EQ(statuses, (std::vector<int>{503, 200})) << log.dump();
}

TEST_F(AdminApi, CapacityErrorFailsRunInstancesOfThatTypeOnly) {
  FaultsCleared guard{server_url("/_localcloud/faults")};
  admin("POST", "faults", R"({"capacity_error": {"type": "p5.48xlarge"}})");
  EXPECT_TRUE(fails_with(run_instances("p5.48xlarge"), "InsufficientInstanceCapacity"));
  AwsResult other_type = run_instances("t3.micro");
  EXPECT_TRUE(other_type.succeeded()) << other_type;
}

}  // namespace
}  // namespace spawn::conformance
