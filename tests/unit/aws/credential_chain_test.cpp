#include "aws/credential_chain.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "shared_config_test_support.hpp"

namespace spawn::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace std::chrono_literals;

const SystemTime kStart = std::chrono::sys_days{std::chrono::year{2030} / 1 / 1};

// Answers a queue of results (the last one repeats) and counts the calls.
struct ScriptedProvider final : CredentialsProvider {
  std::vector<Result<Credentials>> answers;
  std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);

  Result<Credentials> credentials() override {
    int index = (*calls)++;
    return answers[std::min<std::size_t>(index, answers.size() - 1)];
  }
};

Credentials credentials_named(std::string key, std::optional<SystemTime> expiration = {}) {
  return Credentials{std::move(key), "secret", "", expiration, "fake"};
}

// Records what the chain asked for; each source answers with credentials naming itself.
struct FakeSources final : CredentialSources {
  std::vector<AssumeRoleSettings> roles;
  std::vector<std::string> role_source_keys;  // the source credentials each role was given
  std::vector<SsoSettings> sso_requests;
  int imds_requests = 0;
  std::vector<Result<Credentials>> sso_answers{credentials_named("SSO")};
  std::shared_ptr<std::atomic<int>> sso_calls = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<std::atomic<int>> imds_calls = std::make_shared<std::atomic<int>>(0);
  Result<Credentials> imds_answer = fail(ErrorKind::network, "169.254.169.254 did not answer");

  Result<std::unique_ptr<CredentialsProvider>> assume_role(
      std::unique_ptr<CredentialsProvider> source, AssumeRoleSettings settings) override {
    auto source_credentials = source->credentials();
    role_source_keys.push_back(source_credentials ? source_credentials->access_key_id : "ERROR");
    auto key = "ROLE " + settings.role_arn;
    roles.push_back(std::move(settings));
    return std::make_unique<StaticCredentialsProvider>(credentials_named(key));
  }
  Result<std::unique_ptr<CredentialsProvider>> sso(SsoSettings settings) override {
    sso_requests.push_back(std::move(settings));
    auto provider = std::make_unique<ScriptedProvider>();
    provider->answers = sso_answers;
    provider->calls = sso_calls;
    return provider;
  }
  Result<std::unique_ptr<CredentialsProvider>> instance_metadata() override {
    ++imds_requests;
    auto provider = std::make_unique<ScriptedProvider>();
    provider->answers = {imds_answer};
    provider->calls = imds_calls;
    return provider;
  }
};

// An environment that counts how often it is read.
struct CountingEnvironment final : Environment {
  explicit CountingEnvironment(const Environment& counted) : inner(counted) {}
  std::optional<std::string> get(std::string_view name) const override {
    ++reads;
    return inner.get(name);
  }
  const Environment& inner;
  mutable int reads = 0;
};

class CredentialChainTest : public ::testing::Test {
 protected:
  void files(std::string_view config, std::string_view credentials = "") {
    dir_.write("config", config);
    dir_.write("credentials", credentials);
  }

  std::unique_ptr<CredentialsProvider> chain(std::string profile = "default",
                                             ProfileOrigin origin = ProfileOrigin::aws_profile) {
    auto config = load_shared_config(env_);
    EXPECT_TRUE(config.has_value()) << config.error().message;
    auto sources = std::make_unique<FakeSources>();
    sources_ = sources.get();
    return make_credential_chain(
        CredentialChainDeps{env_, clock_, std::make_shared<const SharedConfig>(std::move(*config)),
                            ProfileChoice{std::move(profile), origin}, std::move(sources)});
  }

  Credentials expect_credentials(CredentialsProvider& provider) {
    auto credentials = provider.credentials();
    EXPECT_TRUE(credentials.has_value()) << credentials.error().message;
    return credentials.value_or(Credentials{});
  }

  Error expect_error(CredentialsProvider& provider) {
    auto credentials = provider.credentials();
    EXPECT_FALSE(credentials.has_value()) << credentials->access_key_id;
    return credentials ? Error{ErrorKind::io, "", std::nullopt} : credentials.error();
  }

  testing::TempDir dir_;
  MapEnvironment env_ = testing::aws_files_env(dir_);
  FakeClock clock_{kStart};
  FakeSources* sources_ = nullptr;
};

TEST_F(CredentialChainTest, EnvironmentVariablesComeFirst) {
  files("", "[default]\naws_access_key_id = PROFILE\naws_secret_access_key = s\n");
  env_.set("AWS_ACCESS_KEY_ID", "ENVKEY");
  env_.set("AWS_SECRET_ACCESS_KEY", "envsecret");
  env_.set("AWS_SESSION_TOKEN", "envtoken");
  auto provider = chain();
  auto credentials = expect_credentials(*provider);
  EXPECT_EQ(credentials.access_key_id, "ENVKEY");
  EXPECT_EQ(credentials.secret_access_key, "envsecret");
  EXPECT_EQ(credentials.session_token, "envtoken");
  EXPECT_EQ(credentials.source, "environment variables");
}

TEST_F(CredentialChainTest, ProfileFlagSkipsTheEnvironmentVariables) {
  files("", "[dev]\naws_access_key_id = PROFILE\naws_secret_access_key = s\n");
  env_.set("AWS_ACCESS_KEY_ID", "ENVKEY");
  env_.set("AWS_SECRET_ACCESS_KEY", "envsecret");
  auto from_flag = chain("dev", ProfileOrigin::flag);
  EXPECT_EQ(expect_credentials(*from_flag).access_key_id, "PROFILE");
  auto from_env = chain("dev", ProfileOrigin::aws_profile);
  EXPECT_EQ(expect_credentials(*from_env).access_key_id, "ENVKEY");
}

TEST_F(CredentialChainTest, HalfOfTheEnvironmentPairIsAnError) {
  files("", "[default]\naws_access_key_id = PROFILE\naws_secret_access_key = s\n");
  env_.set("AWS_ACCESS_KEY_ID", "ENVKEY");
  auto provider = chain();
  auto error = expect_error(*provider);
  EXPECT_EQ(error.kind, ErrorKind::auth);
  EXPECT_THAT(error.message, HasSubstr("AWS_SECRET_ACCESS_KEY is not"));
}

TEST_F(CredentialChainTest, StaticKeysFromTheCredentialsFile) {
  files("[profile dev]\nregion = eu-west-1\n",
        "[dev]\naws_access_key_id = AKID\naws_secret_access_key = s\naws_session_token = t\n");
  auto provider = chain("dev");
  auto credentials = expect_credentials(*provider);
  EXPECT_EQ(credentials.access_key_id, "AKID");
  EXPECT_EQ(credentials.session_token, "t");
  EXPECT_EQ(credentials.source, "profile dev");
}

TEST_F(CredentialChainTest, KeyWithoutSecretInAProfileIsAnError) {
  files("[default]\naws_access_key_id = AKID\n");
  auto provider = chain();
  auto error = expect_error(*provider);
  EXPECT_EQ(error.kind, ErrorKind::auth);
  EXPECT_THAT(error.message, HasSubstr("aws_secret_access_key"));
  EXPECT_EQ(sources_->imds_requests, 0);
}

TEST_F(CredentialChainTest, CredentialProcessComesBeforeStaticKeys) {
  auto script = dir_.write("creds.sh",
                           "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"FROMPROCESS\", "
                           "\"SecretAccessKey\": \"s\"}'\n",
                           std::filesystem::perms(0755));
  files("[default]\ncredential_process = " + script.string() +
        "\naws_access_key_id = STATIC\naws_secret_access_key = s\n");
  auto provider = chain();
  auto credentials = expect_credentials(*provider);
  EXPECT_EQ(credentials.access_key_id, "FROMPROCESS");
  EXPECT_EQ(credentials.source, "credential_process of profile default");
}

TEST_F(CredentialChainTest, AFailingConfiguredSourceDoesNotFallThrough) {
  files("[default]\ncredential_process = /nonexistent/creds\n");
  auto provider = chain();
  auto error = expect_error(*provider);
  EXPECT_THAT(error.message, HasSubstr("/nonexistent/creds"));
  EXPECT_EQ(sources_->imds_requests, 0);
}

TEST_F(CredentialChainTest, SsoSessionProfileGetsItsPortalFromTheSessionSection) {
  files(
      "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n"
      "sso_role_name = Admin\n"
      "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
      "sso_region = eu-west-1\n");
  auto provider = chain("dev");
  EXPECT_EQ(expect_credentials(*provider).access_key_id, "SSO");
  ASSERT_EQ(sources_->sso_requests.size(), 1u);
  const auto& settings = sources_->sso_requests[0];
  EXPECT_EQ(settings.profile, "dev");
  EXPECT_EQ(settings.session_name, "corp");
  EXPECT_EQ(settings.start_url, "https://corp.awsapps.com/start");
  EXPECT_EQ(settings.region, "eu-west-1");
  EXPECT_EQ(settings.account_id, "111122223333");
  EXPECT_EQ(settings.role_name, "Admin");
}

TEST_F(CredentialChainTest, LegacySsoProfileKeepsItsPortalInTheProfile) {
  files(
      "[default]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n"
      "sso_account_id = 1\nsso_role_name = R\n");
  auto provider = chain();
  expect_credentials(*provider);
  ASSERT_EQ(sources_->sso_requests.size(), 1u);
  EXPECT_EQ(sources_->sso_requests[0].session_name, "");
  EXPECT_EQ(sources_->sso_requests[0].start_url, "https://x.awsapps.com/start");
}

TEST_F(CredentialChainTest, IncompleteSsoProfileListsWhatIsMissing) {
  files("[default]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n");
  auto provider = chain();
  auto error = expect_error(*provider);
  EXPECT_EQ(error.kind, ErrorKind::usage);
  EXPECT_THAT(error.message, HasSubstr("sso_account_id, sso_role_name"));
}

TEST_F(CredentialChainTest, AssumesARoleWithTheSourceProfilesKeys) {
  files(
      "[profile admin]\nrole_arn = arn:aws:iam::1:role/Admin\nsource_profile = base\n"
      "role_session_name = me\nexternal_id = ext\nduration_seconds = 1800\n",
      "[base]\naws_access_key_id = BASEKEY\naws_secret_access_key = s\n");
  auto provider = chain("admin");
  EXPECT_EQ(expect_credentials(*provider).access_key_id, "ROLE arn:aws:iam::1:role/Admin");
  ASSERT_EQ(sources_->roles.size(), 1u);
  EXPECT_EQ(sources_->roles[0].role_session_name, "me");
  EXPECT_EQ(sources_->roles[0].external_id, "ext");
  EXPECT_EQ(sources_->roles[0].duration_seconds, 1800);
  EXPECT_EQ(sources_->role_source_keys[0], "BASEKEY");
}

TEST_F(CredentialChainTest, FollowsChainedRoles) {
  files(
      "[profile a]\nrole_arn = arn:role/a\nsource_profile = b\n"
      "[profile b]\nrole_arn = arn:role/b\nsource_profile = c\n",
      "[c]\naws_access_key_id = CKEY\naws_secret_access_key = s\n");
  auto provider = chain("a");
  EXPECT_EQ(expect_credentials(*provider).access_key_id, "ROLE arn:role/a");
  ASSERT_EQ(sources_->roles.size(), 2u);
  EXPECT_EQ(sources_->roles[0].role_arn, "arn:role/b");
  EXPECT_EQ(sources_->role_source_keys[0], "CKEY");
  EXPECT_EQ(sources_->role_source_keys[1], "ROLE arn:role/b");
}

TEST_F(CredentialChainTest, ProfileThatIsItsOwnSourceUsesItsKeys) {
  files("",
        "[self]\nrole_arn = arn:role/x\nsource_profile = self\naws_access_key_id = SELF\n"
        "aws_secret_access_key = s\n");
  auto provider = chain("self");
  expect_credentials(*provider);
  ASSERT_EQ(sources_->role_source_keys.size(), 1u);
  EXPECT_EQ(sources_->role_source_keys[0], "SELF");
}

TEST_F(CredentialChainTest, SourceProfileLoopIsAUsageError) {
  files(
      "[profile a]\nrole_arn = arn:role/a\nsource_profile = b\n"
      "[profile b]\nrole_arn = arn:role/b\nsource_profile = a\n");
  auto provider = chain("a");
  auto error = expect_error(*provider);
  EXPECT_EQ(error.kind, ErrorKind::usage);
  EXPECT_THAT(error.message, HasSubstr("a -> b -> a"));
}

TEST_F(CredentialChainTest, MissingSourceProfileIsNamed) {
  files("[default]\nrole_arn = arn:role/a\nsource_profile = nowhere\n");
  auto provider = chain();
  auto error = expect_error(*provider);
  EXPECT_EQ(error.kind, ErrorKind::usage);
  EXPECT_THAT(error.message, HasSubstr("profile nowhere (from source_profile of profile default)"));
}

TEST_F(CredentialChainTest, SourceProfileWithoutCredentialsIsAnError) {
  files("[default]\nrole_arn = arn:role/a\nsource_profile = empty\n[profile empty]\nregion = x\n");
  auto provider = chain();
  auto error = expect_error(*provider);
  EXPECT_EQ(error.kind, ErrorKind::auth);
  EXPECT_THAT(error.message, HasSubstr("profile empty"));
}

TEST_F(CredentialChainTest, CredentialSourceEnvironmentAndInstanceMetadata) {
  files(
      "[profile from-env]\nrole_arn = arn:role/e\ncredential_source = Environment\n"
      "[profile from-imds]\nrole_arn = arn:role/i\ncredential_source = Ec2InstanceMetadata\n");
  auto without_env = chain("from-env", ProfileOrigin::flag);
  EXPECT_THAT(expect_error(*without_env).message, HasSubstr("AWS_ACCESS_KEY_ID"));

  // With --profile the environment step is skipped, so the keys reach the role.
  env_.set("AWS_ACCESS_KEY_ID", "ENVKEY");
  env_.set("AWS_SECRET_ACCESS_KEY", "s");
  auto with_env = chain("from-env", ProfileOrigin::flag);
  EXPECT_EQ(expect_credentials(*with_env).access_key_id, "ROLE arn:role/e");
  EXPECT_EQ(sources_->role_source_keys[0], "ENVKEY");
  env_.unset("AWS_ACCESS_KEY_ID");
  env_.unset("AWS_SECRET_ACCESS_KEY");

  auto imds = chain("from-imds");
  sources_->imds_answer = credentials_named("INSTANCE");
  EXPECT_EQ(expect_credentials(*imds).access_key_id, "ROLE arn:role/i");
  EXPECT_EQ(sources_->role_source_keys[0], "INSTANCE");
}

TEST_F(CredentialChainTest, RoleConfigurationMistakesAreUsageErrors) {
  files(
      "[profile no-source]\nrole_arn = arn:role/a\n"
      "[profile both]\nrole_arn = arn:role/a\nsource_profile = x\ncredential_source = Environment\n"
      "[profile ecs]\nrole_arn = arn:role/a\ncredential_source = EcsContainer\n"
      "[profile mfa]\nrole_arn = arn:role/a\ncredential_source = Environment\nmfa_serial = m\n"
      "[profile long]\nrole_arn = arn:role/a\ncredential_source = Environment\n"
      "duration_seconds = 99999\n");
  const std::pair<const char*, const char*> cases[] = {
      {"no-source", "neither source_profile nor credential_source"},
      {"both", "both source_profile and credential_source"},
      {"ecs", "EcsContainer"},
      {"mfa", "mfa_serial"},
      {"long", "duration_seconds = 99999"},
  };
  for (const auto& [profile, expected] : cases) {
    auto provider = chain(profile);
    auto error = expect_error(*provider);
    EXPECT_EQ(error.kind, ErrorKind::usage) << profile;
    EXPECT_THAT(error.message, HasSubstr(expected)) << profile;
  }
}

TEST_F(CredentialChainTest, FallsBackToTheInstanceRole) {
  env_.unset("AWS_EC2_METADATA_DISABLED");
  auto provider = chain();
  sources_->imds_answer = credentials_named("INSTANCE", kStart + 6h);
  EXPECT_EQ(expect_credentials(*provider).access_key_id, "INSTANCE");
}

TEST_F(CredentialChainTest, NothingFoundListsEveryStepAndWhatToDo) {
  env_.unset("AWS_EC2_METADATA_DISABLED");
  files("[profile other]\nregion = us-east-1\n");
  auto provider = chain();
  auto error = expect_error(*provider);
  EXPECT_EQ(error.kind, ErrorKind::auth);
  EXPECT_THAT(error.message, HasSubstr("no AWS credentials found"));
  auto env_at = error.message.find("AWS_ACCESS_KEY_ID");
  auto profile_at = error.message.find("profile default");
  auto imds_at = error.message.find("EC2 instance metadata: 169.254.169.254 did not answer");
  ASSERT_NE(env_at, std::string::npos);
  ASSERT_NE(profile_at, std::string::npos);
  ASSERT_NE(imds_at, std::string::npos);
  EXPECT_LT(env_at, profile_at);
  EXPECT_LT(profile_at, imds_at);
  EXPECT_THAT(error.hint, HasSubstr("Run `aws configure`, pass `--profile NAME`, or use "
                                    "`--local` to try spawn without an AWS account"));
  // The answer is remembered: IMDS is not probed again.
  expect_error(*provider);
  EXPECT_EQ(sources_->imds_requests, 1);
}

TEST_F(CredentialChainTest, NothingFoundSaysWhenImdsIsDisabled) {
  files("[default]\nregion = us-east-1\n");
  auto provider = chain();
  auto error = expect_error(*provider);
  EXPECT_THAT(error.message, HasSubstr("disabled by AWS_EC2_METADATA_DISABLED"));
  EXPECT_THAT(error.message, HasSubstr("no role_arn, sso_session, credential_process or "
                                       "aws_access_key_id"));
  EXPECT_EQ(sources_->imds_requests, 0);
}

TEST_F(CredentialChainTest, ReadsNothingUntilFirstAsked) {
  files(
      "[default]\nsso_session = c\nsso_account_id = 1\nsso_role_name = R\n"
      "[sso-session c]\nsso_start_url = u\nsso_region = us-east-1\n");
  CountingEnvironment counting(env_);
  auto config = load_shared_config(env_);
  auto sources = std::make_unique<FakeSources>();
  auto* fake = sources.get();
  auto provider = make_credential_chain(CredentialChainDeps{
      counting, clock_, std::make_shared<const SharedConfig>(std::move(*config)),
      ProfileChoice{"default", ProfileOrigin::fallback}, std::move(sources)});
  EXPECT_EQ(counting.reads, 0);
  EXPECT_TRUE(fake->sso_requests.empty());
  expect_credentials(*provider);
  EXPECT_GT(counting.reads, 0);
  EXPECT_EQ(fake->sso_requests.size(), 1u);
}

TEST_F(CredentialChainTest, CachesCredentialsWithoutExpiration) {
  files(
      "[default]\nsso_session = c\nsso_account_id = 1\nsso_role_name = R\n"
      "[sso-session c]\nsso_start_url = u\nsso_region = us-east-1\n");
  auto provider = chain();
  expect_credentials(*provider);
  clock_.advance(24h);
  expect_credentials(*provider);
  EXPECT_EQ(*sources_->sso_calls, 1);
  EXPECT_EQ(sources_->sso_requests.size(), 1u);
}

TEST_F(CredentialChainTest, RefreshesWhenLessThanFiveMinutesRemain) {
  files(
      "[default]\nsso_session = c\nsso_account_id = 1\nsso_role_name = R\n"
      "[sso-session c]\nsso_start_url = u\nsso_region = us-east-1\n");
  auto provider = chain();
  sources_->sso_answers = {credentials_named("FIRST", kStart + 1h),
                           credentials_named("SECOND", kStart + 2h)};
  EXPECT_EQ(expect_credentials(*provider).access_key_id, "FIRST");
  clock_.advance(1h - kCredentialsRefreshBefore - 1min);
  EXPECT_EQ(expect_credentials(*provider).access_key_id, "FIRST");
  EXPECT_EQ(*sources_->sso_calls, 1);
  clock_.advance(2min);
  EXPECT_EQ(expect_credentials(*provider).access_key_id, "SECOND");
  EXPECT_EQ(*sources_->sso_calls, 2);
}

TEST_F(CredentialChainTest, ManyThreadsShareOneFetch) {
  files(
      "[default]\nsso_session = c\nsso_account_id = 1\nsso_role_name = R\n"
      "[sso-session c]\nsso_start_url = u\nsso_region = us-east-1\n");
  auto provider = chain();
  std::atomic<int> successes{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (provider->credentials())
        ++successes;
    });
  }
  for (auto& thread : threads)
    thread.join();
  EXPECT_EQ(successes, 8);
  EXPECT_EQ(*sources_->sso_calls, 1);
}

TEST_F(CredentialChainTest, ErrorsNeverContainTheSecret) {
  files("", "[default]\naws_secret_access_key = wJalrXUtnFEMI\n");
  auto provider = chain();
  EXPECT_THAT(expect_error(*provider).message, Not(HasSubstr("wJalrXUtnFEMI")));
}

}  // namespace
}  // namespace spawn::aws
