// AWS's protocol compliance cases (as shipped with botocore) and real-world
// responses from other projects, run against our error parser and query
// encoder. Input cases need the service model to be flattened into query
// parameters; the small flattener below covers the shapes spawn's clients
// send (structures, lists, strings, numbers, booleans) and counts the rest
// (maps, timestamps, blobs, compression, token auto-fill) as skipped.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "aws/error_parse.hpp"
#include "aws/query_protocol.hpp"
#include "testdata.hpp"

namespace spawn::aws {
namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr const char* kProtocolTests = "aws-examples/botocore-protocol-tests";

struct ProtocolFile {
  const char* name;
  Protocol protocol;
};

constexpr ProtocolFile kProtocolFiles[] = {
    {"ec2", Protocol::ec2},
    {"query", Protocol::query},
    {"json", Protocol::json},
    {"json_1_0", Protocol::json},
    {"rest-json", Protocol::rest_json},
    {"rest-xml", Protocol::rest_xml},
};

Json read_json(const fs::path& path) {
  return Json::parse(testing::read_testdata_file(path));
}

HttpResponse response_of(const Json& response) {
  HttpResponse http;
  http.status = response.at("status_code").get<int>();
  Json headers = response.value("headers", Json::object());
  for (const auto& [name, value] : headers.items()) {
    http.headers.emplace_back(name, value.get<std::string>());
  }
  http.body = response.value("body", "");
  return http;
}

TEST(ProtocolExamples, ParsesEveryErrorCaseOfEveryProtocol) {
  SPAWN_REQUIRE_TESTDATA(root, kProtocolTests);
  int checked = 0;
  for (const ProtocolFile& file : kProtocolFiles) {
    for (const Json& suite : read_json(root / "output" / (std::string(file.name) + ".json"))) {
      for (const Json& test : suite.at("cases")) {
        if (!test.contains("errorCode"))
          continue;
        HttpResponse response = response_of(test.at("response"));
        AwsError error = parse_error_response(file.protocol, response);
        std::string id = test.at("id").get<std::string>();
        EXPECT_EQ(error.code, test.at("errorCode").get<std::string>()) << file.name << " " << id;
        if (test.contains("errorMessage")) {
          EXPECT_EQ(error.message, test["errorMessage"].get<std::string>())
              << file.name << " " << id;
        }
        EXPECT_EQ(error.http_status, response.status) << id;
        ++checked;
      }
    }
  }
  fmt::print("protocol error cases checked: {}\n", checked);
  EXPECT_EQ(checked, 43);
}

// botocore's list of cases its own serializers do not pass.
std::set<std::string> ignored_input_cases(const fs::path& root, const std::string& protocol) {
  Json ignore = read_json(root / "protocol-tests-ignore-list.json");
  std::set<std::string> ignored;
  for (const Json& suite : ignore["general"]["input"]["suites"])
    ignored.insert(suite.get<std::string>());
  for (const Json& id : ignore["protocols"][protocol]["input"]["cases"])
    ignored.insert(id.get<std::string>());
  return ignored;
}

std::string capitalized(std::string name) {
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z')
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

// Flattens parameters into QueryParams following the model, as botocore's ec2 and query
// serializers do; `skip_reason` is set when the case needs a shape kind not covered here.
struct QueryFlattener {
  const Json& shapes;
  Protocol protocol;
  QueryParams params;
  std::string skip_reason;

  void add(const std::string& prefix, const Json& shape, const Json& value) {
    std::string type = shape.at("type").get<std::string>();
    if (type == "structure") {
      add_structure(prefix, shape, value);
    } else if (type == "list") {
      add_list(prefix, shape, value);
    } else if (type == "string" || type == "float" || type == "double") {
      params.add(prefix, value.is_string() ? value.get<std::string>() : value.dump());
    } else if (type == "boolean" || type == "integer" || type == "long") {
      params.add(prefix, value.dump());
    } else {
      skip_reason = "needs a " + type + " serializer";
    }
  }

  std::string member_name(const std::string& key, const Json& member) const {
    if (protocol == Protocol::query)
      return member.value("locationName", key);
    if (member.contains("queryName"))
      return member["queryName"].get<std::string>();
    return capitalized(member.value("locationName", key));
  }

  void add_structure(const std::string& prefix, const Json& shape, const Json& value) {
    for (const auto& [key, member] : shape.at("members").items()) {
      if (member.value("idempotencyToken", false) && !value.contains(key))
        skip_reason = "idempotency token auto-fill";
    }
    for (const auto& [key, member_value] : value.items()) {
      const Json& member = shape.at("members").at(key);
      std::string name = member_name(key, member);
      Json member_shape = shapes.at(member.at("shape").get<std::string>());
      if (member.value("flattened", false))
        member_shape["flattened"] = true;  // botocore lets the reference flatten the list
      add(prefix.empty() ? name : prefix + "." + name, member_shape, member_value);
    }
  }

  void add_list(const std::string& prefix, const Json& shape, const Json& value) {
    if (value.empty()) {
      if (protocol == Protocol::query)
        params.add(prefix, "");
      return;
    }
    const Json& member = shape.at("member");
    std::string entry_prefix = prefix;
    if (protocol == Protocol::query && !shape.value("flattened", false))
      entry_prefix += "." + member.value("locationName", std::string("member"));
    int index = 1;
    for (const Json& entry : value) {
      add(entry_prefix + "." + std::to_string(index++),
          shapes.at(member.at("shape").get<std::string>()), entry);
    }
  }
};

struct InputTotals {
  int checked = 0;
  std::map<std::string, int> skipped;  // reason -> count
};

void check_input_cases(const fs::path& root, const ProtocolFile& file, InputTotals& totals) {
  std::set<std::string> ignored = ignored_input_cases(root, file.name);
  for (const Json& suite : read_json(root / "input" / (std::string(file.name) + ".json"))) {
    std::string api_version = suite.at("metadata").at("apiVersion").get<std::string>();
    for (const Json& test : suite.at("cases")) {
      std::string id = test.at("id").get<std::string>();
      const Json& given = test.at("given");
      if (ignored.contains(id) || ignored.contains(suite.value("description", ""))) {
        ++totals.skipped["on botocore's own ignore list"];
        continue;
      }
      if (given.contains("requestcompression")) {
        ++totals.skipped["request compression (gzip body)"];
        continue;
      }
      QueryFlattener flattener{suite.at("shapes"), file.protocol, {}, {}};
      if (given.contains("input")) {
        std::string input_shape = given["input"].at("shape").get<std::string>();
        flattener.add("", suite.at("shapes").at(input_shape), test.at("params"));
      }
      if (!flattener.skip_reason.empty()) {
        ++totals.skipped[flattener.skip_reason];
        continue;
      }
      ServiceInfo service{"test", "TEST", api_version, file.protocol, "", "", false};
      HttpRequest request =
          build_query_request(service, given.at("name").get<std::string>(), flattener.params);
      EXPECT_EQ(request.body, test.at("serialized").at("body").get<std::string>()) << id;
      EXPECT_EQ(request.url.path, test.at("serialized").at("uri").get<std::string>()) << id;
      ++totals.checked;
    }
  }
}

TEST(ProtocolExamples, EncodesTheQueryAndEc2InputCases) {
  SPAWN_REQUIRE_TESTDATA(root, kProtocolTests);
  InputTotals totals;
  for (const ProtocolFile& file : kProtocolFiles) {
    if (file.protocol == Protocol::ec2 || file.protocol == Protocol::query)
      check_input_cases(root, file, totals);
  }
  fmt::print("query/ec2 input cases checked: {}\n", totals.checked);
  for (const auto& [reason, count] : totals.skipped)
    fmt::print("  skipped {}: {}\n", count, reason);
  EXPECT_GE(totals.checked, 40);
}

// botocore's response-parsing errors: <name>.xml (raw answer) + <name>.json (what botocore read).
TEST(ProtocolExamples, ParsesBotocoreXmlErrorResponses) {
  SPAWN_REQUIRE_TESTDATA(folder, "aws-examples/botocore-response-parsing/xml/errors");
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() != ".xml")
      continue;
    std::string service =
        entry.path().stem().string().substr(0, entry.path().stem().string().find('-'));
    Protocol protocol = service == "ec2"  ? Protocol::ec2
                        : service == "s3" ? Protocol::rest_xml
                                          : Protocol::query;
    Json expected = read_json(fs::path(entry.path()).replace_extension(".json"));
    AwsError error = parse_error_response(
        protocol, HttpResponse{400, {}, testing::read_testdata_file(entry.path())});
    EXPECT_EQ(error.code, expected["Error"]["Code"].get<std::string>()) << entry.path();
    EXPECT_EQ(error.message, expected["Error"]["Message"].get<std::string>()) << entry.path();
    if (expected["ResponseMetadata"].contains("RequestId")) {
      EXPECT_EQ(error.request_id, expected["ResponseMetadata"]["RequestId"].get<std::string>());
    }
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

TEST(ProtocolExamples, ParsesBotocoreJsonErrorResponse) {
  SPAWN_REQUIRE_TESTDATA(folder, "aws-examples/botocore-response-parsing/json");
  Json expected = read_json(folder / "expected" / "dynamodb-put-item.json");
  AwsError error = parse_error_response(
      Protocol::json,
      HttpResponse{
          400, {}, testing::read_testdata_file(folder / "errors" / "dynamodb-put-item.json")});
  EXPECT_EQ(error.code, expected["Error"]["Code"].get<std::string>());
  EXPECT_EQ(error.message, expected["Error"]["Message"].get<std::string>());
}

TEST(ProtocolExamples, ParsesTheDynamoDbDocumentationError) {
  SPAWN_REQUIRE_TESTDATA(path,
                         "aws-examples/awsdocs-dynamodb/error-ResourceNotFoundException.http");
  std::string raw = testing::read_testdata_file(path);
  std::size_t blank = raw.find("\r\n\r\n");
  ASSERT_NE(blank, std::string::npos);
  AwsError error = parse_error_response(
      Protocol::json, HttpResponse{400, {{"x-amzn-RequestId", "LDM6CJP8"}}, raw.substr(blank + 4)});
  EXPECT_EQ(error.code, "ResourceNotFoundException");
  EXPECT_EQ(error.message, "Requested resource not found: Table: tablename not found");
  EXPECT_EQ(error_kind_for(error), ErrorKind::not_found);
}

TEST(ProtocolExamples, ParsesEc2ErrorFixturesFromOtherProjects) {
  SPAWN_REQUIRE_TESTDATA(root, "aws-examples");
  struct Fixture {
    const char* path;
    const char* code;
    ErrorKind kind;
  };
  const Fixture fixtures[] = {
      {"carbon-amazon-fixtures/ec2-error-InsufficientInstanceCapacity.xml",
       "InsufficientInstanceCapacity", ErrorKind::aws},
      {"libcloud-ec2-fixtures/describe_key_pairs_doesnt_exist.xml", "InvalidKeyPair.NotFound",
       ErrorKind::not_found},
      {"libcloud-ec2-fixtures/run_instances_idem_mismatch.xml", "IdempotentParameterMismatch",
       ErrorKind::conflict},
  };
  for (const Fixture& fixture : fixtures) {
    AwsError error = parse_error_response(
        Protocol::ec2, HttpResponse{400, {}, testing::read_testdata_file(root / fixture.path)});
    EXPECT_EQ(error.code, fixture.code) << fixture.path;
    EXPECT_FALSE(error.message.empty()) << fixture.path;
    EXPECT_FALSE(error.request_id.empty()) << fixture.path;
    EXPECT_EQ(error_kind_for(error), fixture.kind) << fixture.path;
  }
}

// Every success document we have parses, and its request id is found where it has one.
TEST(ProtocolExamples, ParsesSuccessResponsesAndTheirRequestIds) {
  SPAWN_REQUIRE_TESTDATA(root, "aws-examples");
  int checked = 0;
  for (const char* folder : {"botocore-response-parsing/xml/responses", "libcloud-ec2-fixtures",
                             "carbon-amazon-fixtures"}) {
    for (const auto& entry : fs::directory_iterator(root / folder)) {
      std::string name = entry.path().filename().string();
      if (entry.path().extension() != ".xml" || name.find("error") != std::string::npos ||
          name.find("doesnt_exist") != std::string::npos ||
          name.find("mismatch") != std::string::npos)
        continue;
      std::string body = testing::read_testdata_file(entry.path());
      auto parsed = parse_query_response(services::ec2, name, HttpResponse{200, {}, body});
      ASSERT_TRUE(parsed) << entry.path() << ": " << parsed.error().message;
      EXPECT_TRUE(parsed->result()) << entry.path();
      bool has_id = body.find("equestId>") != std::string::npos;
      EXPECT_EQ(!parsed->request_id.empty(), has_id) << entry.path();
      fs::path expected_path = fs::path(entry.path()).replace_extension(".json");
      if (fs::exists(expected_path)) {
        Json expected = read_json(expected_path);
        EXPECT_EQ(parsed->request_id, expected["ResponseMetadata"].value("RequestId", "")) << name;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 30);
}

}  // namespace
}  // namespace spawn::aws
