#include "aws/iam.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "service_test_client.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

using testing::form_params;
using testing::FormParams;
using testing::ProtocolTestClient;

constexpr std::string_view kTrustPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

// A GetRole answer as IAM writes it: the trust policy URL-encoded, tags as members.
constexpr std::string_view kGetRoleAnswer = R"(
<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetRoleResult>
    <Role>
      <Path>/spawn/</Path>
      <AssumeRolePolicyDocument>%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D</AssumeRolePolicyDocument>
      <MaxSessionDuration>3600</MaxSessionDuration>
      <RoleId>AROAEXAMPLEROLEID</RoleId>
      <RoleName>demo-role</RoleName>
      <Description>spawn instance role</Description>
      <Arn>arn:aws:iam::123456789012:role/spawn/demo-role</Arn>
      <CreateDate>2024-01-01T00:00:00Z</CreateDate>
      <Tags>
        <member><Key>spawn:managed</Key><Value>true</Value></member>
        <member><Key>Project</Key><Value>demo</Value></member>
      </Tags>
    </Role>
  </GetRoleResult>
  <ResponseMetadata><RequestId>df37e965-9967-11e1-a4c3-270EXAMPLE04</RequestId></ResponseMetadata>
</GetRoleResponse>)";

constexpr std::string_view kGetInstanceProfileAnswer = R"(
<GetInstanceProfileResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetInstanceProfileResult>
    <InstanceProfile>
      <InstanceProfileId>AIPAD5ARO2C5EXAMPLE3G</InstanceProfileId>
      <Roles>
        <member>
          <Path>/</Path>
          <Arn>arn:aws:iam::123456789012:role/demo-role</Arn>
          <RoleName>demo-role</RoleName>
          <AssumeRolePolicyDocument>%7B%7D</AssumeRolePolicyDocument>
          <CreateDate>2012-05-09T15:45:35Z</CreateDate>
          <RoleId>AROACVYKSVTSZFEXAMPLE</RoleId>
        </member>
      </Roles>
      <InstanceProfileName>demo-profile</InstanceProfileName>
      <Path>/</Path>
      <Arn>arn:aws:iam::123456789012:instance-profile/demo-profile</Arn>
      <CreateDate>2012-05-09T16:11:10Z</CreateDate>
      <Tags><member><Key>spawn:managed</Key><Value>true</Value></member></Tags>
    </InstanceProfile>
  </GetInstanceProfileResult>
  <ResponseMetadata><RequestId>37289fda-99f2-11e1-a4c3-27EXAMPLE804</RequestId></ResponseMetadata>
</GetInstanceProfileResponse>)";

std::string error_answer(std::string_view code) {
  return "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error>"
         "<Type>Sender</Type><Code>" +
         std::string(code) +
         "</Code><Message>it happened</Message></Error><RequestId>r-1</RequestId>"
         "</ErrorResponse>";
}

// A ListRolePolicies page holding `names`, truncated with `marker` when it is not empty.
std::string policy_names_page(const std::vector<std::string>& names, const std::string& marker) {
  std::string members;
  for (const std::string& name : names)
    members += "<member>" + name + "</member>";
  std::string truncation = marker.empty()
                               ? "<IsTruncated>false</IsTruncated>"
                               : "<IsTruncated>true</IsTruncated><Marker>" + marker + "</Marker>";
  return "<ListRolePoliciesResponse><ListRolePoliciesResult><PolicyNames>" + members +
         "</PolicyNames>" + truncation + "</ListRolePoliciesResult></ListRolePoliciesResponse>";
}

void expect_same_as_captured(const std::filesystem::path& path,
                             const std::function<void(IamClient&)>& call) {
  HttpRequest captured = testing::read_captured_request(path);
  ProtocolTestClient test(testing::endpoint_of(captured), "us-east-1", testing::time_of(captured));
  test.transport.reply(200, std::string(kGetRoleAnswer));
  IamClient iam(test.client);

  call(iam);

  testing::expect_same_request(test.only_request(), captured);
}

TEST(IamClientTest, GetRoleSendsTheRequestTheAwsCliSends) {
  SPAWN_REQUIRE_TESTDATA(path, std::string(testing::kCapturedRequests) + "13-iam-GetRole.http");
  expect_same_as_captured(path, [](IamClient& iam) { (void)iam.get_role("demo-role"); });
}

TEST(IamClientTest, CreateRoleSendsTheRequestTheAwsCliSends) {
  SPAWN_REQUIRE_TESTDATA(path, std::string(testing::kCapturedRequests) + "14-iam-CreateRole.http");
  expect_same_as_captured(path, [](IamClient& iam) {
    (void)iam.create_role({"demo-role", std::string(kTrustPolicy), "", "", {{"Project", "demo"}}});
  });
}

TEST(IamClientTest, CreateRoleSendsPathAndDescriptionWhenGiven) {
  ProtocolTestClient test;
  test.transport.reply(200, std::string(kGetRoleAnswer));

  (void)IamClient(test.client)
      .create_role({"r", "{}", "spawn instance role", "/spawn/", {{"a", "1"}, {"b", "2"}}});

  EXPECT_EQ(form_params(test.only_request().body),
            (FormParams{{"Action", "CreateRole"},
                        {"Version", "2010-05-08"},
                        {"RoleName", "r"},
                        {"AssumeRolePolicyDocument", "{}"},
                        {"Path", "/spawn/"},
                        {"Description", "spawn instance role"},
                        {"Tags.member.1.Key", "a"},
                        {"Tags.member.1.Value", "1"},
                        {"Tags.member.2.Key", "b"},
                        {"Tags.member.2.Value", "2"}}));
}

TEST(IamClientTest, RoleIsReadWithItsTrustPolicyDecoded) {
  ProtocolTestClient test;
  test.transport.reply(200, std::string(kGetRoleAnswer));

  auto role = IamClient(test.client).get_role("demo-role");

  ASSERT_TRUE(role.has_value()) << role.error().message;
  EXPECT_EQ(role->name, "demo-role");
  EXPECT_EQ(role->id, "AROAEXAMPLEROLEID");
  EXPECT_EQ(role->arn, "arn:aws:iam::123456789012:role/spawn/demo-role");
  EXPECT_EQ(role->path, "/spawn/");
  EXPECT_EQ(role->description, "spawn instance role");
  EXPECT_EQ(role->assume_role_policy, kTrustPolicy);
  ASSERT_TRUE(role->created.has_value());
  EXPECT_EQ(format_iso8601(*role->created), "2024-01-01T00:00:00Z");
  EXPECT_EQ(role->tags, (std::vector<Tag>{{"spawn:managed", "true"}, {"Project", "demo"}}));
}

TEST(IamClientTest, NoSuchEntityIsNotFound) {
  ProtocolTestClient test;
  test.transport.reply(404, error_answer("NoSuchEntity"));

  auto role = IamClient(test.client).get_role("missing");

  ASSERT_FALSE(role.has_value());
  EXPECT_EQ(role.error().kind, ErrorKind::not_found);
  ASSERT_TRUE(role.error().aws.has_value());
  EXPECT_EQ(role.error().aws->code, "NoSuchEntity");
  EXPECT_EQ(role.error().aws->operation, "GetRole");
}

TEST(IamClientTest, EntityAlreadyExistsIsAConflict) {
  ProtocolTestClient test;
  test.transport.reply(409, error_answer("EntityAlreadyExists"));

  auto profile = IamClient(test.client).create_instance_profile({"demo-profile", "", {}});

  ASSERT_FALSE(profile.has_value());
  EXPECT_EQ(profile.error().kind, ErrorKind::conflict);
}

TEST(IamClientTest, CreateInstanceProfileSendsItsTags) {
  ProtocolTestClient test;
  test.transport.reply(200, std::string(kGetInstanceProfileAnswer));

  (void)IamClient(test.client).create_instance_profile({"p", "", {{"spawn:managed", "true"}}});

  EXPECT_EQ(form_params(test.only_request().body),
            (FormParams{{"Action", "CreateInstanceProfile"},
                        {"Version", "2010-05-08"},
                        {"InstanceProfileName", "p"},
                        {"Tags.member.1.Key", "spawn:managed"},
                        {"Tags.member.1.Value", "true"}}));
}

TEST(IamClientTest, InstanceProfileIsReadWithTheRolesInside) {
  ProtocolTestClient test;
  test.transport.reply(200, std::string(kGetInstanceProfileAnswer));

  auto profile = IamClient(test.client).get_instance_profile("demo-profile");

  ASSERT_TRUE(profile.has_value()) << profile.error().message;
  EXPECT_EQ(form_params(test.only_request().body).back(),
            (std::pair<std::string, std::string>{"InstanceProfileName", "demo-profile"}));
  EXPECT_EQ(profile->name, "demo-profile");
  EXPECT_EQ(profile->id, "AIPAD5ARO2C5EXAMPLE3G");
  EXPECT_EQ(profile->arn, "arn:aws:iam::123456789012:instance-profile/demo-profile");
  EXPECT_EQ(profile->tags, (std::vector<Tag>{{"spawn:managed", "true"}}));
  ASSERT_EQ(profile->roles.size(), 1u);
  EXPECT_EQ(profile->roles[0].name, "demo-role");
  EXPECT_EQ(profile->roles[0].assume_role_policy, "{}");
}

TEST(IamClientTest, InstanceProfilesForRoleReadsTheBotocoreExample) {
  SPAWN_REQUIRE_TESTDATA(path,
                         "aws-examples/botocore-response-parsing/xml/responses/"
                         "iam-list-instance-profiles.xml");
  ProtocolTestClient test;
  std::string answer = testing::read_testdata_file(path);
  test.transport.reply(200, answer);

  auto page = IamClient(test.client).list_instance_profiles_for_role({"demo-role", {}});

  ASSERT_TRUE(page.has_value()) << page.error().message;
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].name, "Database");
  EXPECT_EQ(page->items[1].arn,
            "arn:aws:iam::123456789012:instance-profile/application_abc/component_xyz/Webserver");
  EXPECT_TRUE(page->items[1].roles.empty());
  EXPECT_TRUE(page->next_token.empty());
}

TEST(IamClientTest, ListAllFollowsTheMarkerToTheLastPage) {
  ProtocolTestClient test;
  test.transport.reply(200, policy_names_page({"one", "two"}, "page-2"));
  test.transport.reply(200, policy_names_page({"three"}, ""));

  auto names = IamClient(test.client).list_role_policies_all("demo-role");

  ASSERT_TRUE(names.has_value()) << names.error().message;
  EXPECT_EQ(*names, (std::vector<std::string>{"one", "two", "three"}));
  ASSERT_EQ(test.transport.requests.size(), 2u);
  EXPECT_EQ(form_params(test.transport.requests[0].body).size(), 3u);
  EXPECT_EQ(form_params(test.transport.requests[1].body).back(),
            (std::pair<std::string, std::string>{"Marker", "page-2"}));
}

TEST(IamClientTest, ListPageSendsMaxItems) {
  ProtocolTestClient test;
  test.transport.reply(200, policy_names_page({}, ""));

  (void)IamClient(test.client).list_role_policies({"demo-role", {5, ""}});

  EXPECT_EQ(form_params(test.only_request().body).back(),
            (std::pair<std::string, std::string>{"MaxItems", "5"}));
}

TEST(IamClientTest, AttachedPoliciesAreReadByNameAndArn) {
  ProtocolTestClient test;
  test.transport.reply(200, R"(
<ListAttachedRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ListAttachedRolePoliciesResult>
    <AttachedPolicies>
      <member>
        <PolicyName>AmazonSSMManagedInstanceCore</PolicyName>
        <PolicyArn>arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore</PolicyArn>
      </member>
    </AttachedPolicies>
    <IsTruncated>false</IsTruncated>
  </ListAttachedRolePoliciesResult>
</ListAttachedRolePoliciesResponse>)");

  auto policies = IamClient(test.client).list_attached_role_policies_all("demo-role");

  ASSERT_TRUE(policies.has_value()) << policies.error().message;
  ASSERT_EQ(policies->size(), 1u);
  EXPECT_EQ((*policies)[0].name, "AmazonSSMManagedInstanceCore");
  EXPECT_EQ((*policies)[0].arn, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
  EXPECT_EQ(form_params(test.only_request().body)[0].second, "ListAttachedRolePolicies");
}

// The operations whose answer carries nothing: each sends its action and parameters.
struct VoidOperation {
  std::string action;
  std::function<Result<void>(IamClient&)> call;
  FormParams params;  // after Action and Version
};

const std::vector<VoidOperation> kVoidOperations = {
    {"PutRolePolicy",
     [](IamClient& iam) { return iam.put_role_policy("r", "inline", "{\"a\": 1}"); },
     {{"RoleName", "r"}, {"PolicyName", "inline"}, {"PolicyDocument", "{\"a\": 1}"}}},
    {"DeleteRolePolicy",
     [](IamClient& iam) { return iam.delete_role_policy("r", "inline"); },
     {{"RoleName", "r"}, {"PolicyName", "inline"}}},
    {"AttachRolePolicy",
     [](IamClient& iam) { return iam.attach_role_policy("r", "arn:p"); },
     {{"RoleName", "r"}, {"PolicyArn", "arn:p"}}},
    {"DetachRolePolicy",
     [](IamClient& iam) { return iam.detach_role_policy("r", "arn:p"); },
     {{"RoleName", "r"}, {"PolicyArn", "arn:p"}}},
    {"AddRoleToInstanceProfile",
     [](IamClient& iam) { return iam.add_role_to_instance_profile("p", "r"); },
     {{"InstanceProfileName", "p"}, {"RoleName", "r"}}},
    {"RemoveRoleFromInstanceProfile",
     [](IamClient& iam) { return iam.remove_role_from_instance_profile("p", "r"); },
     {{"InstanceProfileName", "p"}, {"RoleName", "r"}}},
    {"DeleteInstanceProfile",
     [](IamClient& iam) { return iam.delete_instance_profile("p"); },
     {{"InstanceProfileName", "p"}}},
    {"DeleteRole", [](IamClient& iam) { return iam.delete_role("r"); }, {{"RoleName", "r"}}},
};

TEST(IamClientTest, OperationsWithoutAnswerSendTheirActionAndParameters) {
  for (const VoidOperation& operation : kVoidOperations) {
    SCOPED_TRACE(operation.action);
    ProtocolTestClient test;
    test.transport.reply(200, "<" + operation.action + "Response/>");
    IamClient iam(test.client);

    auto done = operation.call(iam);

    EXPECT_TRUE(done.has_value());
    FormParams expected{{"Action", operation.action}, {"Version", "2010-05-08"}};
    expected.insert(expected.end(), operation.params.begin(), operation.params.end());
    EXPECT_EQ(form_params(test.only_request().body), expected);
  }
}

TEST(IamClientTest, OperationsWithoutAnswerReportErrors) {
  for (const VoidOperation& operation : kVoidOperations) {
    SCOPED_TRACE(operation.action);
    ProtocolTestClient test;
    test.transport.reply(409, error_answer("DeleteConflict"));
    IamClient iam(test.client);

    auto done = operation.call(iam);

    ASSERT_FALSE(done.has_value());
    ASSERT_TRUE(done.error().aws.has_value());
    EXPECT_EQ(done.error().aws->code, "DeleteConflict");
    EXPECT_EQ(done.error().aws->operation, operation.action);
  }
}

TEST(IamClientTest, RequestsGoToTheGlobalEndpointSignedForUsEast1) {
  ProtocolTestClient test(ProtocolTestClient::standard_endpoints(), "eu-west-1");
  test.transport.reply(200, std::string(kGetRoleAnswer));

  (void)IamClient(test.client).get_role("demo-role");

  const HttpRequest& sent = test.only_request();
  EXPECT_EQ(sent.url.host, "iam.amazonaws.com");
  EXPECT_NE(sent.header("Authorization").value_or("").find("/us-east-1/iam/aws4_request"),
            std::string_view::npos);
}

}  // namespace
}  // namespace spawn::aws
