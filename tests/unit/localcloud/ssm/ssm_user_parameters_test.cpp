#include <gtest/gtest.h>

#include "ssm_test_support.hpp"
#include "testdata.hpp"

namespace spawn::localcloud::testing {
namespace {

using nlohmann::json;

constexpr std::string_view kCaptures = "awscli-requests/awscli-2.9.19-debian/";

JsonAnswer serve_captured(ServiceHarness& harness, const std::filesystem::path& path) {
  aws::HttpRequest request = read_captured_request(path);
  harness.clock().advance(
      std::chrono::duration_cast<Duration>(signing_time_of(request) - harness.clock().now()));
  return parse_json(harness.serve(request));
}

TEST_F(SsmServiceTest, TheCliPutsASecureStringAndReadsItDecrypted) {
  SPAWN_REQUIRE_TESTDATA(put_path, std::string(kCaptures) + "12-ssm-PutParameter.http");
  SPAWN_REQUIRE_TESTDATA(get_path, std::string(kCaptures) + "11-ssm-GetParameter.http");
  JsonAnswer put = serve_captured(harness, put_path);
  ASSERT_EQ(put.status, 200) << put.body.dump();
  EXPECT_EQ(put.body, (json{{"Version", 1}, {"Tier", "Standard"}}));

  JsonAnswer got = serve_captured(harness, get_path);
  ASSERT_EQ(got.status, 200) << got.body.dump();
  const json& parameter = got.body.at("Parameter");
  EXPECT_EQ(parameter.at("Name"), "/demo/param");
  EXPECT_EQ(parameter.at("Type"), "SecureString");
  EXPECT_EQ(parameter.at("Value"), "hello");
  EXPECT_EQ(parameter.at("Version"), 1);
  EXPECT_EQ(parameter.at("ARN"), "arn:aws:ssm:us-east-1:123456789012:parameter/demo/param");
  EXPECT_EQ(parameter.at("DataType"), "text");
}

TEST_F(SsmServiceTest, ASecureStringStaysHiddenWithoutDecryption) {
  put_parameter({{"Name", "/demo/secret"}, {"Value", "hunter2"}, {"Type", "SecureString"}});
  JsonAnswer hidden = get_parameter("/demo/secret");
  ASSERT_EQ(hidden.status, 200);
  EXPECT_NE(hidden.body["Parameter"]["Value"], "hunter2");
}

TEST_F(SsmServiceTest, PutParameterOverwritesOnlyWhenAsked) {
  ASSERT_EQ(put_parameter({{"Name", "/demo/p"}, {"Value", "one"}, {"Type", "String"}}).status, 200);
  JsonAnswer again = put_parameter({{"Name", "/demo/p"}, {"Value", "two"}, {"Type", "String"}});
  expect_json_error(again, "ParameterAlreadyExists");
  JsonAnswer overwritten =
      put_parameter({{"Name", "/demo/p"}, {"Value", "two"}, {"Overwrite", true}});
  ASSERT_EQ(overwritten.status, 200) << overwritten.body.dump();
  EXPECT_EQ(overwritten.body.at("Version"), 2);
  JsonAnswer got = get_parameter("/demo/p");
  EXPECT_EQ(got.body["Parameter"]["Value"], "two");
  EXPECT_EQ(got.body["Parameter"]["Type"], "String");
  EXPECT_EQ(got.body["Parameter"]["Version"], 2);
  EXPECT_EQ(
      got.body["Parameter"]["LastModifiedDate"],
      std::chrono::duration_cast<std::chrono::seconds>(kStartTime.time_since_epoch()).count());
}

TEST_F(SsmServiceTest, UserParametersBelongToTheirRegion) {
  put_parameter({{"Name", "/demo/p"}, {"Value", "one"}, {"Type", "String"}}, "us-west-2");
  EXPECT_EQ(get_parameter("/demo/p", "us-west-2").status, 200);
  expect_json_error(get_parameter("/demo/p", "us-east-1"), "ParameterNotFound");
}

TEST_F(SsmServiceTest, PutParameterRefusesReservedNamesAndMissingTypes) {
  expect_json_error(
      put_parameter({{"Name", "/aws/service/mine"}, {"Value", "x"}, {"Type", "String"}}),
      "ValidationException");
  expect_json_error(put_parameter({{"Name", "SSM-thing"}, {"Value", "x"}, {"Type", "String"}}),
                    "ValidationException");
  expect_json_error(put_parameter({{"Name", "/demo/p"}, {"Value", "x"}}), "ValidationException");
  expect_json_error(put_parameter({{"Name", "/demo/p"}, {"Value", "x"}, {"Type", "Number"}}),
                    "ValidationException");
  expect_json_error(get_parameter("/demo/p"), "ParameterNotFound");
}

TEST_F(SsmServiceTest, UserParametersAppearUnderTheirPath) {
  for (std::string name : {"/app/db/host", "/app/db/port", "/app/name", "/other"})
    put_parameter({{"Name", name}, {"Value", "v"}, {"Type", "String"}});
  JsonAnswer app = harness.call_json("GetParametersByPath", {{"Path", "/app"}});
  ASSERT_EQ(app.body.at("Parameters").size(), 1u);
  EXPECT_EQ(app.body["Parameters"][0]["Name"], "/app/name");
  JsonAnswer all = harness.call_json("GetParametersByPath", {{"Path", "/"}, {"Recursive", true}});
  EXPECT_EQ(all.body.at("Parameters").size(), 4u) << all.body.dump();
}

TEST_F(SsmServiceTest, DeleteParameterRemovesIt) {
  put_parameter({{"Name", "/demo/p"}, {"Value", "one"}, {"Type", "String"}});
  JsonAnswer deleted = harness.call_json("DeleteParameter", {{"Name", "/demo/p"}});
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.body, json::object());
  expect_json_error(get_parameter("/demo/p"), "ParameterNotFound");
  expect_json_error(harness.call_json("DeleteParameter", {{"Name", "/demo/p"}}),
                    "ParameterNotFound");
}

}  // namespace
}  // namespace spawn::localcloud::testing
