// Which key, which user and which ssh command line `spawn connect` uses.
#include "spawn/ops/ssh_login.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "temp_dir.hpp"

namespace spawn::ops {
namespace {

using testing::TempDir;

class FindLoginKey : public ::testing::Test {
 protected:
  std::filesystem::path key(std::string_view name) {
    return home_.write(std::string(".ssh/") + std::string(name), "PRIVATE KEY\n",
                       std::filesystem::perms(0600));
  }
  const std::filesystem::path& home() const { return home_.path(); }

 private:
  TempDir home_;
};

TEST_F(FindLoginKey, TheKeyPairsOwnFileComesFirstThenPemThenKey) {
  key("id_ed25519");
  auto dot_key = key("work.key");
  EXPECT_EQ(find_login_key("work", std::nullopt, home()), dot_key);
  auto pem = key("work.pem");
  EXPECT_EQ(find_login_key("work", std::nullopt, home()), pem);
  auto bare = key("work");
  EXPECT_EQ(find_login_key("work", std::nullopt, home()), bare);
}

TEST_F(FindLoginKey, ImportedKeysAreFoundThroughTheDefaultKeysInOrder) {
  // spawn imports ~/.ssh/id_ed25519 or id_rsa as spawn-<user>-<hash>: no file has that name.
  auto ecdsa = key("id_ecdsa");
  EXPECT_EQ(find_login_key("spawn-alice-1a2b3c4d", std::nullopt, home()), ecdsa);
  auto rsa = key("id_rsa");
  EXPECT_EQ(find_login_key("spawn-alice-1a2b3c4d", std::nullopt, home()), rsa);
  auto ed25519 = key("id_ed25519");
  EXPECT_EQ(find_login_key("spawn-alice-1a2b3c4d", std::nullopt, home()), ed25519);
}

TEST_F(FindLoginKey, AnInstanceWithoutAKeyPairUsesTheDefaultKeys) {
  auto rsa = key("id_rsa");
  EXPECT_EQ(find_login_key("", std::nullopt, home()), rsa);
}

TEST_F(FindLoginKey, AGivenPathWinsOverEverythingAndMustExist) {
  key("id_ed25519");
  TempDir elsewhere;
  auto given = elsewhere.write("deploy.pem", "PRIVATE KEY\n");
  EXPECT_EQ(find_login_key("work", given, home()), given);
  auto missing = find_login_key("work", elsewhere.path() / "nope.pem", home());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
  EXPECT_NE(missing.error().message.find("nope.pem"), std::string::npos);
}

TEST_F(FindLoginKey, AGivenBareNameIsLookedUpInDotSshWithItsSuffixes) {
  key("id_ed25519");
  auto pem = key("my-project.pem");
  EXPECT_EQ(find_login_key("other", std::filesystem::path("my-project"), home()), pem);
  EXPECT_EQ(find_login_key("other", std::filesystem::path("~/.ssh/my-project.pem"), home()), pem);
  auto unknown = find_login_key("other", std::filesystem::path("nope"), home());
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find(".ssh/nope.pem"), std::string::npos);
}

TEST_F(FindLoginKey, NoKeyAtAllNamesWhereItLookedAndWhatToDo) {
  auto none = find_login_key("work", std::nullopt, home());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, ErrorKind::not_found);
  EXPECT_NE(none.error().message.find("work.pem"), std::string::npos);
  EXPECT_NE(none.error().message.find("id_ed25519"), std::string::npos);
  EXPECT_NE(none.error().hint.find("--key"), std::string::npos);
}

TEST_F(FindLoginKey, FoldersAreNotKeys) {
  std::filesystem::create_directories(home() / ".ssh" / "work");
  auto rsa = key("id_rsa");
  EXPECT_EQ(find_login_key("work", std::nullopt, home()), rsa);
}

TEST(DefaultLoginUser, FollowsTheImagesDistribution) {
  EXPECT_EQ(default_login_user("al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64"), "ec2-user");
  EXPECT_EQ(default_login_user("amzn2-ami-hvm-2.0.20240131.0-x86_64-gp2"), "ec2-user");
  EXPECT_EQ(default_login_user("RHEL-9.4.0_HVM-20240605-x86_64-82-Hourly2-GP3"), "ec2-user");
  EXPECT_EQ(default_login_user("Fedora-Cloud-Base-40-1.14.x86_64-hvm"), "ec2-user");
  EXPECT_EQ(default_login_user("ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server"),
            "ubuntu");
  EXPECT_EQ(default_login_user("debian-12-amd64-20240717-1811"), "admin");
  EXPECT_EQ(default_login_user("CentOS Stream 9 x86_64 20240703"), "centos");
  EXPECT_EQ(default_login_user("Deep Learning Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023)"),
            "ec2-user");
  EXPECT_EQ(default_login_user(""), "ec2-user");
}

SshLogin login() {
  return SshLogin{
      "203.0.113.7", "ubuntu", "/home/alice/.ssh/id_ed25519", 2222, {"-L", "8888:localhost:8888"}};
}

TEST(SshCommand, InteractiveLoginPassesKeyPortOptionsAndExtraArgumentsBeforeTheHost) {
  std::vector<std::string> expected{"ssh",
                                    "-i",
                                    "/home/alice/.ssh/id_ed25519",
                                    "-p",
                                    "2222",
                                    "-o",
                                    "StrictHostKeyChecking=accept-new",
                                    "-o",
                                    "ConnectTimeout=10",
                                    "-L",
                                    "8888:localhost:8888",
                                    "--",
                                    "ubuntu@203.0.113.7"};
  EXPECT_EQ(ssh_command(login(), {}), expected);
}

TEST(SshCommand, ARemoteCommandRunsInBatchModeAfterTheHost) {
  auto argv = ssh_command(login(), {"sudo", "/usr/local/bin/spored", "status"});
  std::vector<std::string> tail(argv.end() - 4, argv.end());
  EXPECT_EQ(tail, (std::vector<std::string>{"ubuntu@203.0.113.7", "sudo", "/usr/local/bin/spored",
                                            "status"}));
  auto batch = std::find(argv.begin(), argv.end(), "BatchMode=yes");
  ASSERT_NE(batch, argv.end());
  EXPECT_EQ(*(batch - 1), "-o");
  EXPECT_LT(batch, std::find(argv.begin(), argv.end(), "--"));
}

TEST(SshCommand, AHostThatLooksLikeAnOptionStaysTheDestination) {
  auto odd = login();
  odd.user = "-oProxyCommand=evil";
  auto argv = ssh_command(odd, {});
  EXPECT_EQ(argv[argv.size() - 2], "--");
}

}  // namespace
}  // namespace spawn::ops
