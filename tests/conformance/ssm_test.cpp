// aws ssm get-parameter(s): what a name that does not exist gets.
#include "localcloud_suite.hpp"

namespace spawn::conformance {
namespace {

class Ssm : public LocalcloudSuite {};

TEST_F(Ssm, GetParametersListsUnknownNamesAsInvalid) {
  std::string unknown = "/aws/service/conformance/" + unique_name("missing");
  AwsResult answer = aws({"ssm", "get-parameters", "--names", kAl2023X86Parameter, unknown});
  ASSERT_TRUE(answer.succeeded()) << answer;
  nlohmann::json parameters = json_at(answer.json(), "/Parameters");
  ASSERT_EQ(parameters.size(), 1u) << answer.out;
  EXPECT_EQ(text_at(parameters[0], "/Name"), kAl2023X86Parameter);
  EXPECT_TRUE(text_at(parameters[0], "/Value").starts_with("ami-")) << answer.out;
  EXPECT_EQ(json_at(answer.json(), "/InvalidParameters"), nlohmann::json::array({unknown}))
      << answer.out;
}

TEST_F(Ssm, GetParameterOfUnknownNameIsParameterNotFound) {
  AwsResult answer =
      aws({"ssm", "get-parameter", "--name", "/aws/service/conformance/" + unique_name("no")});
  EXPECT_TRUE(fails_with(answer, "ParameterNotFound"));
}

}  // namespace
}  // namespace spawn::conformance
