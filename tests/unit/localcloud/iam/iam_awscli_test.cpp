// The IAM requests the AWS CLI really sent (shared test data), received as the
// server receives them: signature checked at the second they were signed,
// routed, answered.
#include <gtest/gtest.h>

#include "iam_test_support.hpp"
#include "testdata.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud::testing {
namespace {

constexpr std::string_view kCaptures = "awscli-requests/awscli-2.9.19-debian/";

XmlAnswer serve_captured(ServiceHarness& harness, const std::filesystem::path& path) {
  aws::HttpRequest request = read_captured_request(path);
  harness.clock().advance(
      std::chrono::duration_cast<Duration>(signing_time_of(request) - harness.clock().now()));
  return parse_xml(harness.serve(request));
}

TEST_F(IamServiceTest, TheCliCreatesARoleAndGetsItBack) {
  SPAWN_REQUIRE_TESTDATA(create_path, std::string(kCaptures) + "14-iam-CreateRole.http");
  SPAWN_REQUIRE_TESTDATA(get_path, std::string(kCaptures) + "13-iam-GetRole.http");
  XmlAnswer created = serve_captured(harness, create_path);
  ASSERT_EQ(created.status, 200) << created.text("Error/Message");
  EXPECT_EQ(created.text("CreateRoleResult/Role/RoleName"), "demo-role");
  EXPECT_EQ(created.members("CreateRoleResult/Role/Tags", "Key"),
            std::vector<std::string>{"Project"});
  EXPECT_EQ(percent_decode(created.text("CreateRoleResult/Role/AssumeRolePolicyDocument"),
                           PlusMeans::plus)
                .value_or(""),
            kTrustPolicy);

  XmlAnswer fetched = serve_captured(harness, get_path);
  ASSERT_EQ(fetched.status, 200) << fetched.text("Error/Message");
  EXPECT_EQ(fetched.text("GetRoleResult/Role/RoleId"),
            created.text("CreateRoleResult/Role/RoleId"));
}

TEST_F(IamServiceTest, TheCliGetsNoSuchEntityForARoleThatDoesNotExist) {
  SPAWN_REQUIRE_TESTDATA(get_path, std::string(kCaptures) + "13-iam-GetRole.http");
  XmlAnswer missing = serve_captured(harness, get_path);
  expect_query_error(missing, 404, "NoSuchEntity");
  EXPECT_EQ(missing.text("Error/Message"), "The role with name demo-role cannot be found.");
}

}  // namespace
}  // namespace spawn::localcloud::testing
