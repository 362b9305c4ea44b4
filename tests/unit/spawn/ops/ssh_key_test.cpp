// Finding the user's SSH key (--ssh-key, then ~/.ssh/id_ed25519, then ~/.ssh/id_rsa),
// the errors a user can cause there, the local user name for key pair names, and
// creating a key with the real ssh-keygen in a temporary home.
#include "spawn/ops/ssh_key.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <map>
#include <optional>
#include <string>

#include "spawn/ops/ssh_key_fingerprint.hpp"
#include "temp_dir.hpp"
#include "util/file.hpp"

namespace spawn::ops {
namespace {

namespace fs = std::filesystem;

// Keys made once with ssh-keygen; their fingerprints come from AWS's documented commands.
constexpr std::string_view kEd25519Line =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGjqmF07aq4YMPyvg9CKQsQ2dLCmL9K4WvIRui5wJvJC fixed";
constexpr std::string_view kEd25519Fingerprint = "ZJPbkLnrAvmc4e2yjWBhq2VUpJlGY2nBS1iuG1XSySM=";
constexpr std::string_view kRsaLine =
    "ssh-rsa "
    "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC+WOohuRq+9y4ZUo3zJtYzhwY6e1Q4BjQYoxjTpehxev99K6aPLDkNBZxOEaly"
    "evd+LDNg+ON+WDa3+8qv4jcHdlmRr7U6+dwou+I1XcBvDmm7qPlxAKBOhQb/HCjGe4YMsRRWoClTGBXutXlZ+8t5wKXi"
    "F9s06ymfl3ld7DGeoQ== fixed";
constexpr std::string_view kEcdsaLine =
    "ecdsa-sha2-nistp256 "
    "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBCEI9UJkqTG0x+lbN+RJ2svecJm6xnlHVSRP1Um2"
    "nPI4o2mbr5o2y3hAtUPW8m+7TA/+P5cBrGr/LmsTlQgHPrM= fixed";

class SshKeyFiles : public ::testing::Test {
 protected:
  // Writes ~/.ssh/<name> (unless `private_half` is false) and ~/.ssh/<name>.pub.
  void add_key(std::string_view name, std::string_view line, bool private_half = true) {
    if (private_half)
      home_.write(".ssh/" + std::string(name), "private key", fs::perms(0600));
    home_.write(".ssh/" + std::string(name) + ".pub", std::string(line) + "\n");
  }
  fs::path ssh(std::string_view name) const { return home_.path() / ".ssh" / name; }
  Result<std::optional<LocalKey>> find(std::optional<fs::path> explicit_key = std::nullopt) {
    return find_local_key(home_.path(), explicit_key);
  }

  testing::TempDir home_;
};

TEST_F(SshKeyFiles, NoKeyInAnEmptyHomeIsNotAnError) {
  auto found = find();
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_FALSE(found->has_value());
}

TEST_F(SshKeyFiles, Ed25519ComesBeforeRsa) {
  add_key("id_rsa", kRsaLine);
  add_key("id_ed25519", kEd25519Line);
  auto found = find();
  ASSERT_TRUE(found && found->has_value());
  const LocalKey& key = **found;
  EXPECT_EQ(key.private_key, ssh("id_ed25519"));
  EXPECT_EQ(key.public_key, ssh("id_ed25519.pub"));
  EXPECT_EQ(key.public_key_line, kEd25519Line);
  EXPECT_EQ(key.type, "ssh-ed25519");
  EXPECT_EQ(key.fingerprint, kEd25519Fingerprint);
}

TEST_F(SshKeyFiles, RsaIsUsedWhenThereIsNoEd25519Key) {
  add_key("id_rsa", kRsaLine);
  auto found = find();
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->private_key, ssh("id_rsa"));
  EXPECT_EQ((*found)->type, "ssh-rsa");
  EXPECT_EQ((*found)->fingerprint, "b5:62:6c:a5:eb:4e:b1:33:ca:3b:e9:89:07:92:a5:6f");
}

TEST_F(SshKeyFiles, AKeyWithoutItsPublicHalfIsPassedOver) {
  home_.write(".ssh/id_ed25519", "private key", fs::perms(0600));
  add_key("id_rsa", kRsaLine);
  auto found = find();
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->type, "ssh-rsa");
}

TEST_F(SshKeyFiles, ExplicitPrivateKeyWinsOverTheDefaults) {
  add_key("id_ed25519", kEd25519Line);
  add_key("work", kRsaLine);
  auto found = find(ssh("work"));
  ASSERT_TRUE(found && found->has_value()) << (found ? "" : found.error().message);
  EXPECT_EQ((*found)->private_key, ssh("work"));
  EXPECT_EQ((*found)->public_key, ssh("work.pub"));
  EXPECT_EQ((*found)->type, "ssh-rsa");
}

TEST_F(SshKeyFiles, ExplicitPublicKeyFindsThePrivateKeyBesideIt) {
  add_key("work", kEd25519Line);
  auto found = find(ssh("work.pub"));
  ASSERT_TRUE(found && found->has_value()) << (found ? "" : found.error().message);
  EXPECT_EQ((*found)->private_key, ssh("work"));
  EXPECT_EQ((*found)->public_key, ssh("work.pub"));
}

TEST_F(SshKeyFiles, ExplicitPublicKeyAloneLeavesThePrivatePathEmpty) {
  add_key("agent-key", kEd25519Line, /*private_half=*/false);
  auto found = find(ssh("agent-key.pub"));
  ASSERT_TRUE(found && found->has_value()) << (found ? "" : found.error().message);
  EXPECT_TRUE((*found)->private_key.empty());
  EXPECT_EQ((*found)->fingerprint, kEd25519Fingerprint);
}

TEST_F(SshKeyFiles, MissingExplicitKeyIsAUsageErrorNamingThePath) {
  add_key("id_ed25519", kEd25519Line);
  auto found = find(ssh("nope"));
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().kind, ErrorKind::usage);
  EXPECT_NE(found.error().message.find(ssh("nope").string()), std::string::npos);
  EXPECT_NE(found.error().hint.find("--ssh-key"), std::string::npos);
}

TEST_F(SshKeyFiles, ExplicitPrivateKeyWithoutPublicHalfSaysHowToWriteIt) {
  home_.write(".ssh/work", "private key", fs::perms(0600));
  auto found = find(ssh("work"));
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().kind, ErrorKind::usage);
  EXPECT_NE(found.error().message.find(ssh("work.pub").string()), std::string::npos);
  EXPECT_NE(found.error().hint.find("ssh-keygen -y -f"), std::string::npos);
}

TEST_F(SshKeyFiles, EcdsaKeyIsRefusedBecauseEc2CannotImportIt) {
  add_key("id_ecdsa", kEcdsaLine);
  auto found = find(ssh("id_ecdsa"));
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().kind, ErrorKind::usage);
  EXPECT_NE(found.error().message.find("ecdsa-sha2-nistp256"), std::string::npos);
  EXPECT_NE(found.error().message.find("RSA and ED25519"), std::string::npos);
  EXPECT_NE(found.error().hint.find("ssh-keygen -t ed25519"), std::string::npos);
}

TEST_F(SshKeyFiles, GarbledPublicKeyIsAnErrorNamingTheFile) {
  add_key("id_ed25519", "ssh-ed25519 not*base64 me");
  add_key("id_rsa", kRsaLine);
  auto found = find();
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().kind, ErrorKind::parse);
  EXPECT_NE(found.error().message.find(ssh("id_ed25519.pub").string()), std::string::npos);
}

TEST_F(SshKeyFiles, PuttyFormatGetsTheConversionCommand) {
  add_key("id_rsa", "---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----");
  auto found = find();
  ASSERT_FALSE(found);
  EXPECT_NE(found.error().hint.find("ssh-keygen -i -f"), std::string::npos);
}

using Variables = std::map<std::string, std::string, std::less<>>;

std::string username_with(Variables variables) {
  return local_username(MapEnvironment(std::move(variables)));
}

TEST(LocalUsername, UserIsLowerCasedAndReducedToSafeCharacters) {
  EXPECT_EQ(username_with({{"USER", "Alice.Smith"}}), "alicesmith");
  EXPECT_EQ(username_with({{"USER", "Bob_X-1"}, {"USERNAME", "other"}}), "bob_x-1");
}

TEST(LocalUsername, UsernameIsTheFallbackAndUserTheLastResort) {
  EXPECT_EQ(username_with({{"USERNAME", "Carol"}}), "carol");
  EXPECT_EQ(username_with({{"USER", ""}, {"USERNAME", "dave"}}), "dave");
  EXPECT_EQ(username_with({}), "user");
  EXPECT_EQ(username_with({{"USER", "Jürgen?"}}), "jrgen");
  EXPECT_EQ(username_with({{"USER", "日本"}}), "user");
}

fs::perms mode_of(const fs::path& path) {
  return fs::status(path).permissions() & fs::perms::mask;
}

TEST(CreateLocalKey, MakesAnEd25519KeyWithPrivateModes) {
  testing::TempDir home;
  auto created = create_local_key(home.path());
  ASSERT_TRUE(created) << created.error().message
                       << " (ssh-keygen comes with openssh-client, see scripts/install-deps.sh)";
  fs::path folder = home.path() / ".ssh";
  EXPECT_EQ(mode_of(folder), fs::perms(0700));
  EXPECT_EQ(mode_of(folder / "id_ed25519"), fs::perms(0600));
  EXPECT_EQ(mode_of(folder / "id_ed25519.pub"), fs::perms(0644));
  EXPECT_EQ(created->private_key, folder / "id_ed25519");
  EXPECT_EQ(created->type, "ssh-ed25519");
  EXPECT_TRUE(created->public_key_line.ends_with(" spawn")) << created->public_key_line;
  EXPECT_EQ(created->fingerprint, imported_key_fingerprint(created->public_key_line).value_or(""));
  auto found = find_local_key(home.path(), std::nullopt);
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->public_key_line, created->public_key_line);
}

TEST(CreateLocalKey, LeavesTheModeOfAnExistingSshFolderAlone) {
  testing::TempDir home;
  fs::path folder = home.folder(".ssh");
  fs::permissions(folder, fs::perms(0750));
  auto created = create_local_key(home.path());
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_EQ(mode_of(folder), fs::perms(0750));
}

TEST(CreateLocalKey, NeverOverwritesAnExistingFile) {
  testing::TempDir home;
  fs::path public_key = home.write(".ssh/id_ed25519.pub", std::string(kEd25519Line));
  auto created = create_local_key(home.path());
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().kind, ErrorKind::conflict);
  EXPECT_EQ(read_file(public_key).value_or(""), kEd25519Line);
  EXPECT_FALSE(fs::exists(home.path() / ".ssh" / "id_ed25519"));
}

// Points PATH at an empty folder for one test, so no ssh-keygen can be found.
class EmptyPath {
 public:
  explicit EmptyPath(const fs::path& folder) {
    if (const char* path = ::getenv("PATH"))
      saved_ = path;
    ::setenv("PATH", folder.c_str(), 1);
  }
  ~EmptyPath() { ::setenv("PATH", saved_.c_str(), 1); }
  EmptyPath(const EmptyPath&) = delete;
  EmptyPath& operator=(const EmptyPath&) = delete;

 private:
  std::string saved_;
};

TEST(CreateLocalKey, MissingSshKeygenSaysToInstallOpenSsh) {
  testing::TempDir home;
  EmptyPath no_programs(home.folder("bin"));
  auto created = create_local_key(home.path());
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().kind, ErrorKind::not_found);
  EXPECT_NE(created.error().message.find("ssh-keygen"), std::string::npos);
  EXPECT_NE(created.error().hint.find("OpenSSH"), std::string::npos);
}

}  // namespace
}  // namespace spawn::ops
