#include "aws/config_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shared_config_test_support.hpp"

namespace spawn::aws {
namespace {

using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

ConfigFile parse_config(std::string_view text) {
  auto file = parse_config_file(text, "config", ConfigFileKind::config);
  EXPECT_TRUE(file.has_value()) << file.error().message;
  return file.value_or(ConfigFile{});
}

Error parse_error(std::string_view text) {
  auto file = parse_config_file(text, "/home/u/.aws/config", ConfigFileKind::config);
  EXPECT_FALSE(file.has_value());
  return file ? Error{ErrorKind::usage, "", std::nullopt} : file.error();
}

TEST(ConfigFile, SortsProfilesSsoSessionsAndServices) {
  auto file = parse_config(
      "[default]\nregion = us-east-1\n"
      "[profile dev]\nregion = eu-west-1\nsso_session = corp\n"
      "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
      "[services local]\nec2 =\n  endpoint_url = http://127.0.0.1:4566\n"
      "[plugins]\ncli_legacy_plugin_path = /x\n");
  EXPECT_THAT(file.profiles["default"], UnorderedElementsAre(Pair("region", "us-east-1")));
  EXPECT_THAT(file.profiles["dev"],
              UnorderedElementsAre(Pair("region", "eu-west-1"), Pair("sso_session", "corp")));
  EXPECT_EQ(file.sso_sessions["corp"]["sso_start_url"], "https://corp.awsapps.com/start");
  EXPECT_EQ(file.services["local"]["ec2.endpoint_url"], "http://127.0.0.1:4566");
  EXPECT_EQ(file.profiles.size(), 2u);
}

TEST(ConfigFile, CredentialsFileNamesProfilesWithoutPrefix) {
  auto file = parse_config_file("[dev]\naws_access_key_id = AKID\n[default]\nx = 1\n",
                                "credentials", ConfigFileKind::credentials);
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(file->profiles["dev"]["aws_access_key_id"], "AKID");
  EXPECT_TRUE(file->profiles.contains("default"));
}

TEST(ConfigFile, ConfigFileIgnoresSectionsWithoutProfilePrefix) {
  auto file = parse_config("[dev]\nregion = us-east-1\n[profiledev]\nregion = x\n");
  EXPECT_TRUE(file.profiles.empty());
}

TEST(ConfigFile, TrimsWhitespaceAroundKeysValuesAndHeaders) {
  auto file = parse_config("[  profile   dev  ]\n  region\t=   us-west-2  \nempty=\n");
  EXPECT_THAT(file.profiles["dev"],
              UnorderedElementsAre(Pair("region", "us-west-2"), Pair("empty", "")));
}

TEST(ConfigFile, SkipsFullLineAndInlineComments) {
  auto file = parse_config(
      "# leading comment\n; another\n[default] # about default\n"
      "region = us-east-1 ; the home region\n"
      "  # indented comment\n"
      "output = json\t# tab before\n");
  EXPECT_THAT(file.profiles["default"],
              UnorderedElementsAre(Pair("region", "us-east-1"), Pair("output", "json")));
}

TEST(ConfigFile, KeepsCommentCharactersThatFollowNoWhitespace) {
  auto file = parse_config("[default]\nendpoint_url = http://h/#frag;x\n");
  EXPECT_EQ(file.profiles["default"]["endpoint_url"], "http://h/#frag;x");
}

TEST(ConfigFile, KeepsNestedSettingsAsDottedKeys) {
  auto file = parse_config(
      "[default]\ns3 =\n  max_concurrent_requests = 10\n  addressing_style = path\n"
      "region = us-east-1\n");
  EXPECT_THAT(
      file.profiles["default"],
      UnorderedElementsAre(Pair("s3", ""), Pair("s3.max_concurrent_requests", "10"),
                           Pair("s3.addressing_style", "path"), Pair("region", "us-east-1")));
}

TEST(ConfigFile, IndentedLineAfterAValueContinuesIt) {
  auto file = parse_config("[default]\nca_bundle = first\n  second\n");
  EXPECT_EQ(file.profiles["default"]["ca_bundle"], "first\nsecond");
}

TEST(ConfigFile, LowerCasesKeysAsTheAwsCliDoes) {
  auto file = parse_config("[default]\nRegion = us-east-1\nAWS_ACCESS_KEY_ID = AKID\n");
  EXPECT_THAT(file.profiles["default"],
              UnorderedElementsAre(Pair("region", "us-east-1"), Pair("aws_access_key_id", "AKID")));
}

TEST(ConfigFile, ProfileDefaultWinsOverPlainDefault) {
  auto file = parse_config("[profile default]\nregion = a\n[default]\nregion = b\noutput = x\n");
  EXPECT_THAT(file.profiles["default"], UnorderedElementsAre(Pair("region", "a")));
}

TEST(ConfigFile, MergesRepeatedSectionsLaterKeysWinning) {
  auto file = parse_config("[profile a]\nx = 1\ny = 1\n[profile a]\ny = 2\n");
  EXPECT_THAT(file.profiles["a"], UnorderedElementsAre(Pair("x", "1"), Pair("y", "2")));
}

TEST(ConfigFile, AcceptsCrlfAndByteOrderMark) {
  auto file = parse_config("\xEF\xBB\xBF[default]\r\nregion = us-east-1\r\n");
  EXPECT_THAT(file.profiles["default"], UnorderedElementsAre(Pair("region", "us-east-1")));
}

TEST(ConfigFile, EmptyTextHasNoProfiles) {
  EXPECT_TRUE(parse_config("").profiles.empty());
  EXPECT_TRUE(parse_config("\n\n# only comments\n").profiles.empty());
}

TEST(ConfigFileErrors, SettingBeforeAnySectionNamesFileAndLine) {
  auto error = parse_error("# comment\n\nregion = us-east-1\n");
  EXPECT_EQ(error.kind, ErrorKind::usage);
  EXPECT_THAT(error.message, HasSubstr("/home/u/.aws/config, line 3"));
  EXPECT_THAT(error.message, HasSubstr("before any section header"));
}

TEST(ConfigFileErrors, HeaderWithoutClosingBracket) {
  auto error = parse_error("[default]\nregion = x\n[profile dev\n");
  EXPECT_EQ(error.kind, ErrorKind::usage);
  EXPECT_THAT(error.message, HasSubstr("line 3"));
  EXPECT_THAT(error.message, HasSubstr("`]`"));
}

TEST(ConfigFileErrors, LineWithoutEquals) {
  auto error = parse_error("[default]\nregion us-east-1\n");
  EXPECT_THAT(error.message, HasSubstr("line 2"));
  EXPECT_THAT(error.message, HasSubstr("key = value"));
}

TEST(ConfigFileErrors, OtherMalformedLines) {
  for (const char* text : {"[default]\n= value\n", "[]\n", "[default] trailing\n",
                           "[default]\ns3 =\n  no equals here\n"}) {
    auto file = parse_config_file(text, "config", ConfigFileKind::config);
    ASSERT_FALSE(file.has_value()) << text;
    EXPECT_EQ(file.error().kind, ErrorKind::usage) << text;
    EXPECT_THAT(file.error().message, HasSubstr("config, line ")) << text;
  }
}

TEST(ConfigFileErrors, DoNotQuoteTheOffendingLine) {
  auto error = parse_error("aws_secret_access_key wJalrXUtnFEMI\n");
  EXPECT_THAT(error.message, ::testing::Not(HasSubstr("wJalrXUtnFEMI")));
}

TEST(LoadConfigFile, MissingFileReadsAsEmpty) {
  testing::TempDir dir;
  auto file = load_config_file(dir.path() / "absent", ConfigFileKind::config);
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_TRUE(file->profiles.empty());
}

TEST(LoadConfigFile, ErrorsNameTheFilePath) {
  testing::TempDir dir;
  auto path = dir.write("config", "[default]\nbroken\n");
  auto file = load_config_file(path, ConfigFileKind::config);
  ASSERT_FALSE(file.has_value());
  EXPECT_THAT(file.error().message, HasSubstr(path.string() + ", line 2"));
}

}  // namespace
}  // namespace spawn::aws
