#include "aws/credential_process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared_config_test_support.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kSource = "credential_process of profile dev";
constexpr std::string_view kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

class CredentialProcessTest : public ::testing::Test {
 protected:
  // A script printing `stdout_text` (and `stderr_text`) and exiting with `status`.
  std::string script(std::string_view stdout_text, int status = 0,
                     std::string_view stderr_text = "") {
    std::string body = "#!/bin/sh\ncat <<'JSON'\n" + std::string(stdout_text) + "\nJSON\n";
    if (!stderr_text.empty())
      body += "echo '" + std::string(stderr_text) + "' >&2\n";
    body += "exit " + std::to_string(status) + "\n";
    return dir_.write("creds.sh", body, std::filesystem::perms(0755)).string();
  }

  testing::TempDir dir_;
};

TEST_F(CredentialProcessTest, ReadsTemporaryCredentials) {
  auto command = script(R"({"Version": 1, "AccessKeyId": "ASIAEXAMPLE",
    "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SessionToken": "token",
    "Expiration": "2030-01-02T03:04:05Z"})");
  auto credentials = run_credential_process(command, kSource);
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "ASIAEXAMPLE");
  EXPECT_EQ(credentials->secret_access_key, kSecret);
  EXPECT_EQ(credentials->session_token, "token");
  ASSERT_TRUE(credentials->expiration.has_value());
  EXPECT_EQ(format_iso8601(*credentials->expiration), "2030-01-02T03:04:05Z");
  EXPECT_EQ(credentials->source, kSource);
}

TEST_F(CredentialProcessTest, LongTermKeysHaveNoTokenOrExpiration) {
  auto command = script(R"({"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "s"})");
  auto credentials = run_credential_process(command, kSource);
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->session_token, "");
  EXPECT_FALSE(credentials->expiration.has_value());
}

TEST_F(CredentialProcessTest, PassesQuotedArgumentsWithoutAShell) {
  std::string body =
      "#!/bin/sh\nprintf '{\"Version\": 1, \"AccessKeyId\": \"%s|%s\", \"SecretAccessKey\": "
      "\"s\"}' \"$1\" \"$2\"\n";
  auto path = dir_.write("args.sh", body, std::filesystem::perms(0755));
  auto credentials = run_credential_process(path.string() + " 'two words' \"$HOME\"", kSource);
  ASSERT_TRUE(credentials.has_value()) << credentials.error().message;
  EXPECT_EQ(credentials->access_key_id, "two words|$HOME");
}

TEST_F(CredentialProcessTest, NonZeroExitReportsStatusAndStderr) {
  auto command = script("", 2, "token expired, run sso login");
  auto credentials = run_credential_process(command, kSource);
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(credentials.error().kind, ErrorKind::auth);
  EXPECT_THAT(credentials.error().message, HasSubstr(kSource));
  EXPECT_THAT(credentials.error().message, HasSubstr("status 2"));
  EXPECT_THAT(credentials.error().message, HasSubstr("token expired, run sso login"));
}

TEST_F(CredentialProcessTest, MissingProgramIsAnAuthErrorNamingIt) {
  auto credentials = run_credential_process("/nonexistent/get-creds --json", kSource);
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(credentials.error().kind, ErrorKind::auth);
  EXPECT_THAT(credentials.error().message, HasSubstr("/nonexistent/get-creds"));
}

TEST_F(CredentialProcessTest, UnterminatedQuoteInTheCommand) {
  auto credentials = run_credential_process("get-creds 'oops", kSource);
  ASSERT_FALSE(credentials.has_value());
  EXPECT_THAT(credentials.error().message, HasSubstr("unterminated"));
}

TEST_F(CredentialProcessTest, ProviderRunsTheCommandOnEveryCall) {
  std::string body =
      "#!/bin/sh\necho x >> \"$0.count\"\nprintf '{\"Version\": 1, \"AccessKeyId\": \"%s\", "
      "\"SecretAccessKey\": \"s\"}' $(wc -l < \"$0.count\")\n";
  auto path = dir_.write("counting.sh", body, std::filesystem::perms(0755));
  auto provider = make_credential_process_provider(path.string(), std::string(kSource));
  EXPECT_EQ(provider->credentials().value().access_key_id, "1");
  EXPECT_EQ(provider->credentials().value().access_key_id, "2");
}

TEST(ParseCredentialProcessOutput, NotJsonSaysSoWithoutQuotingIt) {
  auto credentials = parse_credential_process_output("AccessKeyId=AKID secret=hunter2", kSource);
  ASSERT_FALSE(credentials.has_value());
  EXPECT_EQ(credentials.error().kind, ErrorKind::auth);
  EXPECT_THAT(credentials.error().message, HasSubstr("JSON"));
  EXPECT_THAT(credentials.error().message, Not(HasSubstr("hunter2")));
}

TEST(ParseCredentialProcessOutput, MissingFieldIsNamedAndSecretNeverShown) {
  auto credentials = parse_credential_process_output(
      R"({"Version": 1, "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"})", kSource);
  ASSERT_FALSE(credentials.has_value());
  EXPECT_THAT(credentials.error().message, HasSubstr("AccessKeyId"));
  EXPECT_THAT(credentials.error().message, Not(HasSubstr(kSecret)));
  auto no_secret =
      parse_credential_process_output(R"({"Version": 1, "AccessKeyId": "A"})", kSource);
  ASSERT_FALSE(no_secret.has_value());
  EXPECT_THAT(no_secret.error().message, HasSubstr("SecretAccessKey"));
}

TEST(ParseCredentialProcessOutput, VersionMustBeOne) {
  auto wrong = parse_credential_process_output(
      R"({"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "s"})", kSource);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_THAT(wrong.error().message, HasSubstr("Version 2"));
  auto missing =
      parse_credential_process_output(R"({"AccessKeyId": "A", "SecretAccessKey": "s"})", kSource);
  ASSERT_FALSE(missing.has_value());
  EXPECT_THAT(missing.error().message, HasSubstr("no Version"));
  auto text = parse_credential_process_output(
      R"({"Version": "1", "AccessKeyId": "A", "SecretAccessKey": "s"})", kSource);
  EXPECT_FALSE(text.has_value());
}

TEST(ParseCredentialProcessOutput, WrongTypesAndBadExpirationAreErrors) {
  auto number_key = parse_credential_process_output(
      R"({"Version": 1, "AccessKeyId": 5, "SecretAccessKey": "s"})", kSource);
  ASSERT_FALSE(number_key.has_value());
  EXPECT_THAT(number_key.error().message, HasSubstr("AccessKeyId"));
  auto bad_time = parse_credential_process_output(
      R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s", "Expiration": "soon"})",
      kSource);
  ASSERT_FALSE(bad_time.has_value());
  EXPECT_THAT(bad_time.error().message, HasSubstr("Expiration"));
  auto array = parse_credential_process_output("[1, 2]", kSource);
  EXPECT_FALSE(array.has_value());
}

}  // namespace
}  // namespace spawn::aws
