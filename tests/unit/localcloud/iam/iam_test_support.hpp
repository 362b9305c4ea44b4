// What the IAM tests share: the IAM service in a harness, a trust policy, and
// shortcuts for the resources most tests start from.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "localcloud/services/iam/iam_service.hpp"
#include "service_harness.hpp"

namespace spawn::localcloud::testing {

inline constexpr std::string_view kTrustPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
inline constexpr std::string_view kS3ReadPolicy =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})";
inline constexpr std::string_view kSsmManagedPolicy =
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";

class IamServiceTest : public ::testing::Test {
 protected:
  XmlAnswer create_role(const std::string& name, QueryParams extra = {}) {
    extra.emplace_back("RoleName", name);
    extra.emplace_back("AssumeRolePolicyDocument", std::string(kTrustPolicy));
    return harness.call("CreateRole", extra);
  }
  XmlAnswer create_instance_profile(const std::string& name, QueryParams extra = {}) {
    extra.emplace_back("InstanceProfileName", name);
    return harness.call("CreateInstanceProfile", extra);
  }
  XmlAnswer add_role(const std::string& profile, const std::string& role) {
    return harness.call("AddRoleToInstanceProfile",
                        {{"InstanceProfileName", profile}, {"RoleName", role}});
  }

  ServiceHarness harness{make_iam_service};
};

}  // namespace spawn::localcloud::testing
