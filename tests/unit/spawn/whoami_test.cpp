// `spawn whoami` in-process, against a FakeTransport answering STS.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fake_session.hpp"
#include "spawn/commands/command_table.hpp"

namespace spawn::cli {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kIdentityXml =
    R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::210987654321:assumed-role/dev/bob</Arn>
    <UserId>AROAEXAMPLE:bob</UserId>
    <Account>210987654321</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)";

struct WhoamiTest : ::testing::Test {
  GlobalOptions options;
  MapEnvironment env;
  std::ostringstream out, err;
  std::unique_ptr<Context> context;
  testing::FakeSession* session = nullptr;  // owned by the context once made

  // Parses `args` for whoami and runs it with a fake session whose STS answers `status`/`body`.
  Result<void> run_whoami(std::vector<std::string> args, int status, std::string body) {
    CLI::App app;
    Handler handler = find_command("whoami")->setup(app);
    std::reverse(args.begin(), args.end());
    app.parse(args);
    context = std::make_unique<Context>(
        options, env, Streams{out, err},
        [this, status, body]() -> Result<std::unique_ptr<aws::Session>> {
          auto made = std::make_unique<testing::FakeSession>("ap-southeast-2");
          made->fake_transport.reply(status, body, {{"x-amzn-RequestId", "r-1"}});
          session = made.get();
          return made;
        });
    return handler(*context);
  }
};

TEST_F(WhoamiTest, PrintsAccountArnUserAndRegion) {
  ASSERT_TRUE(run_whoami({}, 200, std::string(kIdentityXml)));
  EXPECT_EQ(out.str(),
            "Account: 210987654321\n"
            "ARN: arn:aws:sts::210987654321:assumed-role/dev/bob\n"
            "User ID: AROAEXAMPLE:bob\n"
            "Region: ap-southeast-2\n");
  ASSERT_EQ(session->fake_transport.requests.size(), 1u);
  EXPECT_THAT(session->fake_transport.requests[0].body, HasSubstr("Action=GetCallerIdentity"));
}

TEST_F(WhoamiTest, JsonOutputHasTheFourFieldsInOrder) {
  ASSERT_TRUE(run_whoami({"--output", "json"}, 200, std::string(kIdentityXml)));
  auto document = nlohmann::ordered_json::parse(out.str());
  std::vector<std::string> keys;
  for (const auto& item : document.items())
    keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"account", "arn", "user_id", "region"}));
  EXPECT_EQ(document["region"], "ap-southeast-2");
  EXPECT_EQ(document["user_id"], "AROAEXAMPLE:bob");
}

TEST_F(WhoamiTest, AnAwsRefusalIsReturnedAndNothingIsPrinted) {
  auto result =
      run_whoami({}, 403,
                 R"(<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>
<Message>The security token included in the request is invalid.</Message></Error>
<RequestId>r-1</RequestId></ErrorResponse>)");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::auth);
  ASSERT_TRUE(result.error().aws);
  EXPECT_EQ(result.error().aws->code, "InvalidClientTokenId");
  EXPECT_EQ(out.str(), "");
}

}  // namespace
}  // namespace spawn::cli
