#include "core/agent_install.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace spawn {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string packaged_unit() {
  std::ifstream in(std::filesystem::path(SPAWN_SOURCE_DIR) / "packaging/spored.service");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(AgentInstall, EmbedsThePackagedUnit) {
  EXPECT_EQ(spored_unit(), packaged_unit());
  EXPECT_THAT(std::string(spored_unit()), HasSubstr("Restart=always"));
  EXPECT_THAT(std::string(spored_unit()), Not(HasSubstr("PrivateTmp=")));
}

TEST(AgentInstall, VerifiesTheDigestBeforeInstalling) {
  auto script = agent_install_script({"https://bucket.example/spored?X-Amz-Signature=abc", "0f1e"});
  auto check = script.find("sha256sum --check");
  auto install = script.find("mv /usr/local/bin/spored.download /usr/local/bin/spored");
  ASSERT_NE(check, std::string::npos);
  ASSERT_NE(install, std::string::npos);
  EXPECT_LT(check, install);
  EXPECT_THAT(script, HasSubstr("echo '0f1e''  /usr/local/bin/spored.download'"));
  EXPECT_THAT(script, HasSubstr("systemctl enable --now spored"));
}

TEST(AgentInstall, QuotesTheUrlSoNothingInItIsExpanded) {
  auto script = agent_install_script({"https://x.example/a?b=$(id)&c='d'", "00"});
  EXPECT_THAT(script, HasSubstr(R"('https://x.example/a?b=$(id)&c='\''d'\''')"));
}

TEST(AgentInstall, RunFlagsFollowTheAgentCommand) {
  auto script = agent_install_script({"https://x.example/spored", "00"}, "--check-interval 1s");
  EXPECT_THAT(script, HasSubstr("ExecStart=/usr/local/bin/spored run --check-interval 1s\n"));
  EXPECT_THAT(agent_install_script({"https://x.example/spored", "00"}),
              HasSubstr("ExecStart=/usr/local/bin/spored run\n"));
}

}  // namespace
}  // namespace spawn
