#include <gtest/gtest.h>

#include "localcloud/catalog/public_images.hpp"
#include "ssm_test_support.hpp"

namespace spawn::localcloud::testing {
namespace {

using nlohmann::json;

TEST_F(SsmServiceTest, APublicParameterAnswersItsImageInAnyRegion) {
  JsonAnswer answer = get_parameter(kAl2023X86, "eu-west-1");
  ASSERT_EQ(answer.status, 200) << answer.body.dump();
  const json& parameter = answer.body.at("Parameter");
  EXPECT_EQ(parameter.at("Name"), kAl2023X86);
  EXPECT_EQ(parameter.at("Type"), "String");
  EXPECT_EQ(parameter.at("Value"), find_public_image_by_parameter(kAl2023X86)->image_id);
  EXPECT_EQ(parameter.at("DataType"), "aws:ec2:image");
  EXPECT_EQ(parameter.at("ARN"), "arn:aws:ssm:eu-west-1::parameter" + std::string(kAl2023X86));
  EXPECT_TRUE(parameter.at("Version").is_number_integer());
  EXPECT_TRUE(parameter.at("LastModifiedDate").is_number());
}

TEST_F(SsmServiceTest, EveryCatalogParameterResolvesToItsImage) {
  for (const PublicImage& image : public_images()) {
    for (std::string_view region : {"us-east-1", "ap-southeast-2"}) {
      JsonAnswer answer = get_parameter(image.ssm_parameter, region);
      ASSERT_EQ(answer.status, 200) << image.ssm_parameter;
      EXPECT_EQ(answer.body["Parameter"]["Value"], image.image_id);
    }
  }
}

TEST_F(SsmServiceTest, AnUnknownParameterIsParameterNotFound) {
  ApiRequest request = harness.json_request("GetParameter", R"({"Name": "/no/such"})");
  aws::HttpResponse response = harness.answer(request);
  EXPECT_EQ(response.header("Content-Type").value_or(""), "application/x-amz-json-1.1");
  expect_json_error(parse_json(response), "ParameterNotFound");
}

TEST_F(SsmServiceTest, GetParametersSeparatesKnownAndUnknownNames) {
  JsonAnswer answer = harness.call_json(
      "GetParameters",
      {{"Names", {"/no/such", std::string(kAl2023X86)}}, {"WithDecryption", false}});
  ASSERT_EQ(answer.status, 200);
  ASSERT_EQ(answer.body.at("Parameters").size(), 1u);
  EXPECT_EQ(answer.body["Parameters"][0]["Name"], kAl2023X86);
  EXPECT_EQ(answer.body.at("InvalidParameters"), json::array({"/no/such"}));
}

TEST_F(SsmServiceTest, GetParametersTakesAtMostTenNames) {
  json names = json::array();
  for (int i = 0; i < 11; ++i)
    names.push_back("/p/" + std::to_string(i));
  JsonAnswer answer = harness.call_json("GetParameters", {{"Names", names}});
  expect_json_error(answer, "ValidationException");
  EXPECT_NE(
      answer.body.value("message", "").find("Member must have length less than or equal to 10"),
      std::string::npos)
      << answer.body.dump();
}

std::vector<std::string> names_of(const json& answer) {
  std::vector<std::string> names;
  for (const json& parameter : answer.at("Parameters"))
    names.push_back(parameter.at("Name"));
  return names;
}

TEST_F(SsmServiceTest, GetParametersByPathListsOneLevelOrAll) {
  JsonAnswer latest =
      harness.call_json("GetParametersByPath", {{"Path", "/aws/service/ami-amazon-linux-latest"}});
  ASSERT_EQ(latest.status, 200) << latest.body.dump();
  EXPECT_EQ(names_of(latest.body).size(), 4u);
  JsonAnswer shallow =
      harness.call_json("GetParametersByPath", {{"Path", "/aws/service/deeplearning/"}});
  EXPECT_TRUE(names_of(shallow.body).empty());
  JsonAnswer deep = harness.call_json("GetParametersByPath",
                                      {{"Path", "/aws/service/deeplearning"}, {"Recursive", true}});
  EXPECT_EQ(names_of(deep.body).size(), 2u);
  for (const std::string& name : names_of(deep.body))
    EXPECT_TRUE(name.starts_with("/aws/service/deeplearning/")) << name;
}

TEST_F(SsmServiceTest, GetParametersByPathPagesWithNextToken) {
  std::vector<std::string> seen;
  json request{{"Path", "/aws/service"}, {"Recursive", true}, {"MaxResults", 4}};
  for (int page = 0; page < 5; ++page) {
    JsonAnswer answer = harness.call_json("GetParametersByPath", request);
    ASSERT_EQ(answer.status, 200) << answer.body.dump();
    EXPECT_LE(answer.body.at("Parameters").size(), 4u);
    for (const std::string& name : names_of(answer.body))
      seen.push_back(name);
    if (!answer.body.contains("NextToken"))
      break;
    request["NextToken"] = answer.body["NextToken"];
  }
  EXPECT_EQ(seen.size(), public_images().size());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  expect_json_error(
      harness.call_json("GetParametersByPath", {{"Path", "/aws"}, {"MaxResults", 11}}),
      "ValidationException");
}

TEST_F(SsmServiceTest, MalformedBodiesAreAnsweredNotCrashedOn) {
  expect_json_error(parse_json(harness.answer(harness.json_request("GetParameter", "{\"Name\": "))),
                    "SerializationException");
  expect_json_error(parse_json(harness.answer(harness.json_request("GetParameter", "[1, 2]"))),
                    "SerializationException");
  expect_json_error(harness.call_json("GetParameter", {{"Name", 42}}), "SerializationException");
  JsonAnswer unnamed = harness.call_json("GetParameter", {{"WithDecryption", true}});
  expect_json_error(unnamed, "ValidationException");
  EXPECT_EQ(unnamed.body.value("message", ""),
            "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
            "Member must not be null");
  expect_json_error(harness.call_json("DescribeParameters", json::object()),
                    "UnknownOperationException");
}

}  // namespace
}  // namespace spawn::localcloud::testing
