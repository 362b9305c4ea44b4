// aws ec2 create-image from an instance, and key pairs imported from a real
// ssh-keygen'd ed25519 key.
#include "child_process.hpp"
#include "localcloud_suite.hpp"

namespace spawn::conformance {
namespace {

constexpr const char* kSshKeygen = "/usr/bin/ssh-keygen";
// Used when ssh-keygen is not installed: a valid ed25519 public key and its SHA256 fingerprint.
constexpr const char* kFixedPublicKey =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKFqPFNc4GsvsPp6BxXLIl8g37VmHknLP6shAhAHtnxd "
    "conformance-fixed\n";
constexpr const char* kFixedFingerprint = "nLw9XUaSS095NY9QJ/sY7XQyhptw6+BfcsdlRC5IXKk";

class ImagesAndKeys : public LocalcloudSuite {
 protected:
  struct PublicKey {
    std::filesystem::path file;
    std::string sha256;  // OpenSSH's base64 SHA-256 fingerprint, without "SHA256:" or padding
  };

  // A fresh ed25519 key from ssh-keygen when it exists, else the fixed one.
  PublicKey make_public_key() const {
    std::filesystem::path key = scratch_dir() / "id_ed25519";
    const std::vector<std::string> kEnv{"PATH=/usr/bin:/bin"};
    constexpr std::chrono::seconds kTimeout{20};
    if (!std::filesystem::exists(kSshKeygen))
      return {scratch_file("fixed.pub", kFixedPublicKey), kFixedFingerprint};
    auto made = run_command(
        {kSshKeygen, "-q", "-t", "ed25519", "-N", "", "-C", "conformance", "-f", key.string()},
        kEnv, kTimeout);
    EXPECT_TRUE(made && made->exit_code == 0) << (made ? made->err : made.error());
    auto listed = run_command({kSshKeygen, "-l", "-E", "sha256", "-f", key.string() + ".pub"}, kEnv,
                              kTimeout);
    EXPECT_TRUE(listed && listed->exit_code == 0) << (listed ? listed->err : listed.error());
    std::string line = listed ? listed->out : "";
    std::size_t start = line.find("SHA256:");
    std::size_t end = line.find(' ', start);
    std::string digest = start == std::string::npos ? "" : line.substr(start + 7, end - start - 7);
    return {key.string() + ".pub", digest};
  }
};

// AWS prints ed25519 fingerprints as base64 SHA-256; compare without prefix and padding.
std::string bare_fingerprint(std::string fingerprint) {
  if (fingerprint.starts_with("SHA256:"))
    fingerprint.erase(0, 7);
  while (fingerprint.ends_with('='))
    fingerprint.pop_back();
  return fingerprint;
}

TEST_F(ImagesAndKeys, CreateImageIsListedAmongOwnImages) {
  AwsResult run = run_instances("t3.micro");
  ASSERT_TRUE(run.succeeded()) << run;
  std::string instance_id = instance_ids(run.json()).at(0);
  AwsResult running = aws({"ec2", "wait", "instance-running", "--instance-ids", instance_id});
  ASSERT_TRUE(running.succeeded()) << running;

  std::string name = unique_name("image");
  AwsResult created = aws({"ec2", "create-image", "--instance-id", instance_id, "--name", name});
  ASSERT_TRUE(created.succeeded()) << created;
  std::string image_id = text_at(created.json(), "/ImageId");
  ASSERT_TRUE(image_id.starts_with("ami-")) << created.out;

  AwsResult own = aws({"ec2", "describe-images", "--owners", "self"});
  ASSERT_TRUE(own.succeeded()) << own;
  nlohmann::json image = find_by(json_at(own.json(), "/Images"), "ImageId", image_id);
  ASSERT_FALSE(image.is_null()) << image_id << " not among own images: " << own.out;
  EXPECT_EQ(text_at(image, "/Name"), name);
  EXPECT_EQ(text_at(image, "/OwnerId"), "123456789012") << image.dump();
  EXPECT_EQ(text_at(image, "/Architecture"), "x86_64") << image.dump();
  EXPECT_EQ(find_by(json_at(own.json(), "/Images"), "ImageId", al2023_image_id()), nullptr)
      << "--owners self lists no public image";
}

TEST_F(ImagesAndKeys, ImportedKeyPairIsDescribedThenDeleted) {
  PublicKey key = make_public_key();
  std::string name = unique_name("key");
  AwsResult imported = aws({"ec2", "import-key-pair", "--key-name", name, "--public-key-material",
                            "fileb://" + key.file.string()});
  ASSERT_TRUE(imported.succeeded()) << imported;
  EXPECT_EQ(text_at(imported.json(), "/KeyName"), name);
  EXPECT_TRUE(text_at(imported.json(), "/KeyPairId").starts_with("key-")) << imported.out;
  EXPECT_EQ(bare_fingerprint(text_at(imported.json(), "/KeyFingerprint")), key.sha256)
      << imported.out;

  std::vector<std::string> describe{"ec2", "describe-key-pairs", "--key-names", name};
  AwsResult described = aws(describe);
  ASSERT_TRUE(described.succeeded()) << described;
  nlohmann::json pair = json_at(described.json(), "/KeyPairs/0");
  EXPECT_EQ(text_at(pair, "/KeyName"), name);
  EXPECT_EQ(text_at(pair, "/KeyType"), "ed25519") << pair.dump();
  EXPECT_EQ(text_at(pair, "/KeyPairId"), text_at(imported.json(), "/KeyPairId"));
  EXPECT_EQ(text_at(pair, "/KeyFingerprint"), text_at(imported.json(), "/KeyFingerprint"));

  AwsResult deleted = aws({"ec2", "delete-key-pair", "--key-name", name});
  ASSERT_TRUE(deleted.succeeded()) << deleted;
  EXPECT_TRUE(fails_with(aws(describe), "InvalidKeyPair.NotFound"));
}

}  // namespace
}  // namespace spawn::conformance
