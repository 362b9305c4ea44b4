// The user's SSH key as an EC2 key pair, against localcloud: a key made with the real
// ssh-keygen is imported with spawn's tags and found again by its fingerprint (so spawn's
// fingerprint and EC2's agree), a second import reuses the name, and another key that
// already sits under the name is a clear conflict.
#include "spawn/ops/ssh_key.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "localcloud_fixture.hpp"
#include "platform/process.hpp"
#include "spawn/ops/ssh_key_pair.hpp"
#include "util/file.hpp"

namespace spawn::integration {
namespace {

namespace fs = std::filesystem;

class IntegrationSshKey : public CloudSuite<IntegrationSshKey> {
 protected:
  // A fresh ED25519 key in a temporary home (create_local_key runs ssh-keygen).
  ops::LocalKey new_key() {
    auto home = std::make_unique<TempDir>();
    auto key = ops::create_local_key(home->path());
    EXPECT_TRUE(key) << key.error().message << " (needs ssh-keygen: openssh-client)";
    homes_.push_back(std::move(home));
    return key.value_or(ops::LocalKey{});
  }
  // A fresh RSA key, for a key whose fingerprint differs in kind as well.
  ops::LocalKey new_rsa_key() {
    auto home = std::make_unique<TempDir>();
    fs::path private_key = home->folder(".ssh") / "id_rsa";
    auto ran = platform::run_process(
        {"ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", private_key.string()}, {});
    EXPECT_TRUE(ran && ran->exit_code == 0) << "ssh-keygen could not make an RSA key";
    auto key = ops::find_local_key(home->path(), std::nullopt);
    homes_.push_back(std::move(home));
    EXPECT_TRUE(key && key->has_value());
    return key && key->has_value() ? **key : ops::LocalKey{};
  }
  std::optional<aws::KeyPair> key_pair_named(const std::string& name) {
    auto found = cloud().ec2().describe_key_pairs({.key_names = {name}, .filters = {}});
    if (!found || found->size() != 1)
      return std::nullopt;
    return found->front();
  }

 private:
  std::vector<std::unique_ptr<TempDir>> homes_;
};

TEST_F(IntegrationSshKey, ImportedKeyIsFoundByFingerprintWithItsTags) {
  ops::LocalKey key = new_key();
  auto before = ops::find_key_pair(cloud().ec2(), key);
  ASSERT_TRUE(before) << before.error().message;
  EXPECT_FALSE(before->has_value());

  auto name = ops::import_key_pair(cloud().ec2(), key, "alice");
  ASSERT_TRUE(name) << name.error().message;
  EXPECT_EQ(*name, ops::key_pair_name(key, "alice"));
  EXPECT_TRUE(name->starts_with("spawn-alice-")) << *name;
  EXPECT_EQ(name->size(), std::string("spawn-alice-").size() + 8);

  auto found = ops::find_key_pair(cloud().ec2(), key);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->value_or(""), *name);

  auto pair = key_pair_named(*name);
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->fingerprint, key.fingerprint);
  EXPECT_EQ(pair->key_type, "ed25519");
  EXPECT_EQ(aws::tag_value(pair->tags, "spawn:imported"), "true");
  EXPECT_EQ(aws::tag_value(pair->tags, "spawn:keep"), "true");
  EXPECT_EQ(aws::tag_value(pair->tags, "spawn:created-by"), "spawn");
}

TEST_F(IntegrationSshKey, RsaKeyIsFoundByFingerprintToo) {
  ops::LocalKey key = new_rsa_key();
  auto name = ops::import_key_pair(cloud().ec2(), key, "rsa-user");
  ASSERT_TRUE(name) << name.error().message;
  auto found = ops::find_key_pair(cloud().ec2(), key);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->value_or(""), *name);
}

TEST_F(IntegrationSshKey, ImportingTwiceReturnsTheSameName) {
  ops::LocalKey key = new_key();
  auto first = ops::import_key_pair(cloud().ec2(), key, "bob");
  ASSERT_TRUE(first) << first.error().message;
  auto second = ops::import_key_pair(cloud().ec2(), key, "bob");
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(*second, *first);
  auto same_fingerprint = cloud().ec2().describe_key_pairs(
      {.key_names = {}, .filters = {{"fingerprint", {key.fingerprint}}}});
  ASSERT_TRUE(same_fingerprint);
  EXPECT_EQ(same_fingerprint->size(), 1u);
}

TEST_F(IntegrationSshKey, AnotherKeyUnderTheNameIsAClearConflict) {
  ops::LocalKey key = new_key();
  ops::LocalKey squatter = new_rsa_key();
  std::string name = ops::key_pair_name(key, "carol");
  auto taken = cloud().ec2().import_key_pair(
      {.key_name = name, .public_key_material = squatter.public_key_line});
  ASSERT_TRUE(taken) << taken.error().message;

  auto imported = ops::import_key_pair(cloud().ec2(), key, "carol");
  ASSERT_FALSE(imported);
  EXPECT_EQ(imported.error().kind, ErrorKind::conflict);
  EXPECT_NE(imported.error().message.find(name), std::string::npos) << imported.error().message;
  EXPECT_NE(imported.error().message.find(key.public_key.string()), std::string::npos);
  EXPECT_NE(imported.error().hint.find("--key-pair"), std::string::npos);
  auto pair = key_pair_named(name);
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->fingerprint, squatter.fingerprint);
}

}  // namespace
}  // namespace spawn::integration
