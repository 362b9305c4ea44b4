// What the SSM tests share: SSM in a harness, and the names of the public
// parameters spawn resolves.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "localcloud/services/ssm/ssm_service.hpp"
#include "service_harness.hpp"

namespace spawn::localcloud::testing {

inline constexpr std::string_view kAl2023X86 =
    "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

// Checks that `answer` is SSM's JSON error `code` with HTTP 400.
inline void expect_json_error(const JsonAnswer& answer, std::string_view code) {
  EXPECT_EQ(answer.status, 400);
  EXPECT_EQ(answer.body.value("__type", ""), code) << answer.body.dump();
}

class SsmServiceTest : public ::testing::Test {
 protected:
  JsonAnswer get_parameter(std::string_view name, std::string_view region = "us-east-1") {
    return harness.call_json("GetParameter", {{"Name", name}}, region);
  }
  JsonAnswer put_parameter(nlohmann::json body, std::string_view region = "us-east-1") {
    return harness.call_json("PutParameter", body, region);
  }

  ServiceHarness harness{make_ssm_service};
};

}  // namespace spawn::localcloud::testing
