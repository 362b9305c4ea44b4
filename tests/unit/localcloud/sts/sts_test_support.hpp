// What the STS tests share: STS in a harness with IAM beside it on the same
// store, so that there are roles to assume.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "localcloud/services/iam/iam_service.hpp"
#include "localcloud/services/sts/sts_service.hpp"
#include "service_harness.hpp"

namespace spawn::localcloud::testing {

inline constexpr std::string_view kRoleArn = "arn:aws:iam::123456789012:role/demo-role";

class StsServiceTest : public ::testing::Test {
 protected:
  // Creates the role "demo-role" (MaxSessionDuration `max_session`) through IAM; its RoleId.
  std::string create_role(int max_session = 3600) {
    auto created = iam->handle(harness.query_request(form_body(
        "CreateRole", {{"RoleName", "demo-role"},
                       {"AssumeRolePolicyDocument", R"({"Version":"2012-10-17","Statement":[]})"},
                       {"MaxSessionDuration", std::to_string(max_session)}})));
    EXPECT_TRUE(created.has_value());
    return created ? parse_xml(*created).text("CreateRoleResult/Role/RoleId") : "";
  }

  XmlAnswer assume_role(QueryParams params) {
    params.emplace_back("Version", "2011-06-15");
    return harness.call("AssumeRole", params);
  }

  ServiceHarness harness{make_sts_service};
  std::unique_ptr<Service> iam = make_iam_service(harness.deps());
};

}  // namespace spawn::localcloud::testing
