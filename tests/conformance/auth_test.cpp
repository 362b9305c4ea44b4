// Who the test keys are (sts get-caller-identity) and what a request signed
// with a wrong secret or an unknown key gets, in each service's own words.
#include "localcloud_suite.hpp"

namespace spawn::conformance {
namespace {

class Auth : public LocalcloudSuite {};

TEST_F(Auth, CallerIdentityIsTheTestAccount) {
  nlohmann::json identity = aws_ok({"sts", "get-caller-identity"});
  EXPECT_EQ(text_at(identity, "/Account"), "123456789012") << identity.dump();
  EXPECT_TRUE(text_at(identity, "/Arn").starts_with("arn:aws:iam::123456789012:"))
      << identity.dump();
  EXPECT_FALSE(text_at(identity, "/UserId").empty()) << identity.dump();
}

TEST_F(Auth, WrongSecretIsSignatureDoesNotMatch) {
  AwsCli wrong_secret = cli();
  wrong_secret.env.secret_access_key = "wrong";
  EXPECT_TRUE(
      fails_with(wrong_secret.run({"sts", "get-caller-identity"}), "SignatureDoesNotMatch"));
}

TEST_F(Auth, UnknownKeyIsRejectedInEachServicesWords) {
  AwsCli stranger = cli();
  stranger.env.access_key_id = "AKIAUNKNOWNCONFORM01";
  EXPECT_TRUE(fails_with(stranger.run({"sts", "get-caller-identity"}), "InvalidClientTokenId"));
  EXPECT_TRUE(fails_with(stranger.run({"ec2", "describe-regions"}), "AuthFailure"));
}

}  // namespace
}  // namespace spawn::conformance
