#include "aws/profile.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared_config_test_support.hpp"

namespace spawn::aws {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(SharedConfigPaths, DefaultToDotAwsInHome) {
  MapEnvironment env;
  env.set("HOME", "/home/alice");
  auto paths = shared_config_paths(env);
  ASSERT_TRUE(paths.has_value());
  EXPECT_EQ(paths->config, "/home/alice/.aws/config");
  EXPECT_EQ(paths->credentials, "/home/alice/.aws/credentials");
}

TEST(SharedConfigPaths, EnvironmentVariablesWinAndTildeExpands) {
  MapEnvironment env({{"HOME", "/home/alice"},
                      {"AWS_CONFIG_FILE", "~/alt/config"},
                      {"AWS_SHARED_CREDENTIALS_FILE", "/etc/creds"}});
  auto paths = shared_config_paths(env);
  ASSERT_TRUE(paths.has_value());
  EXPECT_EQ(paths->config, "/home/alice/alt/config");
  EXPECT_EQ(paths->credentials, "/etc/creds");
}

TEST(ChooseProfile, FlagThenAwsProfileThenAwsDefaultProfileThenDefault) {
  MapEnvironment env({{"AWS_PROFILE", "from-env"}, {"AWS_DEFAULT_PROFILE", "legacy"}});
  EXPECT_EQ(choose_profile("from-flag", env).name, "from-flag");
  EXPECT_EQ(choose_profile("from-flag", env).origin, ProfileOrigin::flag);
  EXPECT_EQ(choose_profile(std::nullopt, env).name, "from-env");
  env.unset("AWS_PROFILE");
  EXPECT_EQ(choose_profile(std::nullopt, env).name, "legacy");
  env.unset("AWS_DEFAULT_PROFILE");
  EXPECT_EQ(choose_profile(std::nullopt, env).name, "default");
  EXPECT_EQ(choose_profile(std::nullopt, env).origin, ProfileOrigin::fallback);
}

class SharedConfigTest : public ::testing::Test {
 protected:
  Result<SharedConfig> load() { return load_shared_config(env_); }

  testing::TempDir dir_;
  MapEnvironment env_ = testing::aws_files_env(dir_);
};

TEST_F(SharedConfigTest, MissingFilesAreFine) {
  auto config = load();
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_TRUE(config->profile_names().empty());
  auto profile = select_profile(*config, choose_profile(std::nullopt, env_));
  ASSERT_TRUE(profile.has_value()) << profile.error().message;
  EXPECT_EQ(profile->name, "default");
  EXPECT_TRUE(profile->values.empty());
}

TEST_F(SharedConfigTest, CredentialsFileWinsForKeysItHas) {
  dir_.write("config", "[profile dev]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n");
  dir_.write("credentials", "[dev]\naws_access_key_id = FROMCREDS\naws_secret_access_key = s\n");
  auto config = load();
  ASSERT_TRUE(config.has_value()) << config.error().message;
  auto profile = config->profile("dev");
  ASSERT_TRUE(profile.has_value()) << profile.error().message;
  EXPECT_EQ(profile->get("region"), "eu-west-1");
  EXPECT_EQ(profile->get("aws_access_key_id"), "FROMCREDS");
  EXPECT_EQ(profile->get("aws_secret_access_key"), "s");
}

TEST_F(SharedConfigTest, EmptyValuesReadAsUnset) {
  dir_.write("config", "[default]\nregion =\n");
  auto profile = load()->profile("default");
  ASSERT_TRUE(profile.has_value());
  EXPECT_EQ(profile->get("region"), std::nullopt);
}

TEST_F(SharedConfigTest, ProfileNamesComeFromBothFilesSortedOnce) {
  dir_.write("config", "[default]\n[profile b]\n[profile a]\n");
  dir_.write("credentials", "[a]\n[c]\n");
  EXPECT_THAT(load()->profile_names(), ElementsAre("a", "b", "c", "default"));
}

TEST_F(SharedConfigTest, UnknownExplicitProfileListsTheOnesThatExist) {
  dir_.write("config", "[default]\nregion = us-east-1\n[profile prod]\n");
  auto config = load();
  ASSERT_TRUE(config.has_value());
  env_.set("AWS_PROFILE", "staging");
  auto profile = select_profile(*config, choose_profile(std::nullopt, env_));
  ASSERT_FALSE(profile.has_value());
  EXPECT_EQ(profile.error().kind, ErrorKind::usage);
  EXPECT_THAT(profile.error().message, HasSubstr("profile staging (from AWS_PROFILE)"));
  EXPECT_THAT(profile.error().message, HasSubstr("default, prod"));
  EXPECT_THAT(profile.error().message, HasSubstr((dir_.path() / "config").string()));
}

TEST_F(SharedConfigTest, UnknownFlagProfileWithNoFilesSaysSo) {
  auto config = load();
  ASSERT_TRUE(config.has_value());
  auto profile = select_profile(*config, choose_profile("dev", env_));
  ASSERT_FALSE(profile.has_value());
  EXPECT_THAT(profile.error().message, HasSubstr("(from --profile)"));
  EXPECT_THAT(profile.error().message, HasSubstr("neither file defines any profile"));
}

TEST_F(SharedConfigTest, ExplicitDefaultMustExistToo) {
  dir_.write("config", "[profile prod]\n");
  auto profile = select_profile(*load(), choose_profile("default", env_));
  ASSERT_FALSE(profile.has_value());
  EXPECT_THAT(profile.error().message, HasSubstr("prod"));
}

TEST_F(SharedConfigTest, ResolvesSsoSessionAndServicesSections) {
  dir_.write("config",
             "[profile dev]\nsso_session = corp\nservices = local\n"
             "[sso-session corp]\nsso_region = us-east-1\n"
             "[services local]\nsts =\n  endpoint_url = http://127.0.0.1:1\n");
  auto profile = load()->profile("dev");
  ASSERT_TRUE(profile.has_value()) << profile.error().message;
  EXPECT_EQ(profile->sso_session.at("sso_region"), "us-east-1");
  EXPECT_EQ(profile->services.at("sts.endpoint_url"), "http://127.0.0.1:1");
}

TEST_F(SharedConfigTest, MissingSsoSessionSectionIsAUsageError) {
  dir_.write("config", "[profile dev]\nsso_session = corp\n");
  auto profile = load()->profile("dev");
  ASSERT_FALSE(profile.has_value());
  EXPECT_EQ(profile.error().kind, ErrorKind::usage);
  EXPECT_THAT(profile.error().message, HasSubstr("[sso-session corp]"));
}

TEST_F(SharedConfigTest, MalformedFileIsAUsageErrorWithItsLine) {
  dir_.write("credentials", "[default]\naws_access_key_id\n");
  auto config = load();
  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().kind, ErrorKind::usage);
  EXPECT_THAT(config.error().message,
              HasSubstr((dir_.path() / "credentials").string() + ", line 2"));
}

}  // namespace
}  // namespace spawn::aws
