// Key pairs: imports with EC2's fingerprints, created keys, lookups and deletes.
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "aws/ec2_parse.hpp"
#include "ec2_network_fixture.hpp"
#include "localcloud/services/ec2/ec2_key_material.hpp"
#include "localcloud/services/ec2/ec2_ssh_wire.hpp"
#include "util/encoding.hpp"

namespace spawn::localcloud::network_testing {
namespace {

using aws::parse_items;
using KeyPairTest = Ec2NetworkTest;

// Keys made with ssh-keygen; fingerprints computed with OpenSSL and ssh-keygen:
//   ssh-keygen -e -m PKCS8 -f rsa.pub | openssl pkey -pubin -outform DER | openssl md5 -c
//   ssh-keygen -l -E sha256 -f ed25519.pub   (plus the base64 padding EC2 keeps)
constexpr std::string_view kRsaKey =
    "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCy90Blc50sVU9ltvKVqYG4AKEMNY3VvIAneH06SHNFDvwfwJsjEh2/"
    "wRTj+vcG/MvciyFnxOD/1uof0JTVdFhAyewU69qM4mw+odauTQtqBnQEW7JEfUNjnSF9lpBUjasOHYp2Ym8IrMpS76buv"
    "ndcL70GeXc3cyVJrZf2RwKphjSRSxDx2TkaodZSWZmWdSv6HqXbTI4PwKEBpgsHvbFegZFrDWSxnkTZbyF+3NvAHvBi+R"
    "9f/HvOfVHufI2I5yZPcwq1+4RY2NHBLwUsEVC5vfRWUoS2cEJHpTTT3gpuTF9S34p/5s+ItmheWz1WHIPL9fjrfr3la/C"
    "mZa0lFVrF me@host";
constexpr std::string_view kRsaFingerprint = "c8:67:f9:d2:92:db:ce:27:ad:0f:ef:f8:09:58:8d:8f";
constexpr std::string_view kEd25519Key =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBKZ+hfiIVT8BNTQe6lroeYL9h7zvudXu46GI80dnJ96 me@host";
constexpr std::string_view kEd25519Fingerprint = "c/N/8Lo/O5u18gs0dIiZDmRQuR3cjspKW693jmrwuN0=";

std::string import_body(std::string_view name, std::string_view key_line) {
  return "KeyName=" + std::string(name) +
         "&PublicKeyMaterial=" + form_encode(base64_encode(key_line));
}

std::vector<aws::KeyPair> key_pairs_of(pugi::xml_node root) {
  return parse_items(root, "keySet", aws::parse_key_pair);
}

TEST(KeyMaterial, FingerprintsAreThoseEc2Reports) {
  auto rsa = parse_openssh_public_key(kRsaKey);
  ASSERT_TRUE(rsa.has_value());
  EXPECT_EQ(rsa->algorithm, KeyAlgorithm::rsa);
  EXPECT_EQ(imported_key_fingerprint(*rsa).value_or(""), kRsaFingerprint);
  auto ed25519 = parse_openssh_public_key(kEd25519Key);
  ASSERT_TRUE(ed25519.has_value());
  EXPECT_EQ(ed25519->algorithm, KeyAlgorithm::ed25519);
  EXPECT_EQ(imported_key_fingerprint(*ed25519).value_or(""), kEd25519Fingerprint);
  EXPECT_EQ(ed25519->openssh_line, kEd25519Key.substr(0, kEd25519Key.rfind(' ')));
}

TEST(KeyMaterial, RejectsWhatIsNotAnOpenSshKey) {
  for (std::string_view line :
       {"", "garbage", "ssh-rsa", "ssh-rsa not-base64!", "ssh-dss AAAAB3NzaC1kc3MAAAA=",
        "ssh-ed25519 AAAAC3NzaC1yc2EAAAADAQAB",  // the blob says ssh-rsa
        "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBA=="}) {
    EXPECT_FALSE(parse_openssh_public_key(line).has_value()) << line;
  }
}

TEST(KeyMaterial, NewRsaKeysAreUsablePemAndMatchTheirPublicHalf) {
  auto pair = generate_key_pair(KeyAlgorithm::rsa);
  ASSERT_TRUE(pair.has_value()) << pair.error().message;
  EXPECT_TRUE(pair->private_key.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
  BIO* bio = BIO_new_mem_buf(pair->private_key.data(), static_cast<int>(pair->private_key.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(EVP_PKEY_get_bits(key), 2048);
  EVP_PKEY_free(key);
  auto reparsed = parse_openssh_public_key(pair->public_key.openssh_line);
  ASSERT_TRUE(reparsed.has_value());
  EXPECT_EQ(reparsed->blob, pair->public_key.blob);
  EXPECT_EQ(pair->fingerprint.size(), 59u);  // 20 bytes of SHA-1 as colon-separated hex
}

TEST(KeyMaterial, NewEd25519KeysUseOpenSshFormat) {
  auto pair = generate_key_pair(KeyAlgorithm::ed25519);
  ASSERT_TRUE(pair.has_value()) << pair.error().message;
  std::string_view pem = pair->private_key;
  constexpr std::string_view kBegin = "-----BEGIN OPENSSH PRIVATE KEY-----\n";
  constexpr std::string_view kEnd = "-----END OPENSSH PRIVATE KEY-----\n";
  ASSERT_TRUE(pem.starts_with(kBegin));
  ASSERT_TRUE(pem.ends_with(kEnd));
  std::string encoded(pem.substr(kBegin.size(), pem.size() - kBegin.size() - kEnd.size()));
  std::erase(encoded, '\n');
  auto body = base64_decode(encoded);
  ASSERT_TRUE(body.has_value());
  ASSERT_TRUE(body->starts_with(std::string_view("openssh-key-v1\0", 15)));
  SshReader reader(std::string_view(*body).substr(15));
  EXPECT_EQ(reader.string(), "none");  // cipher
  EXPECT_EQ(reader.string(), "none");  // kdf
  EXPECT_EQ(reader.string(), "");      // kdf options
  EXPECT_EQ(reader.uint32(), 1u);      // one key
  EXPECT_EQ(reader.string(), pair->public_key.blob);
  auto secret = reader.string();
  ASSERT_TRUE(secret.has_value());
  EXPECT_TRUE(reader.at_end());
  EXPECT_EQ(secret->size() % 8, 0u);
  SshReader section(*secret);
  EXPECT_EQ(section.uint32(), section.uint32());  // the two check words match
  EXPECT_EQ(section.string(), "ssh-ed25519");
  auto point = section.string();
  auto private_key = section.string();
  ASSERT_TRUE(point && private_key);
  EXPECT_EQ(point->size(), 32u);
  ASSERT_EQ(private_key->size(), 64u);
  EXPECT_EQ(private_key->substr(32), *point);  // seed, then the public point
  EXPECT_EQ(section.string(), "");             // comment
  std::string_view padding = section.rest();
  for (std::size_t i = 0; i < padding.size(); ++i)
    EXPECT_EQ(padding[i], static_cast<char>(i + 1));
  EXPECT_EQ(pair->fingerprint, sha256_fingerprint(pair->public_key.blob));
  EXPECT_TRUE(parse_openssh_public_key(pair->public_key.openssh_line).has_value());
}

TEST_F(KeyPairTest, ImportAnswersEc2Fingerprints) {
  pugi::xml_node root = ok("ImportKeyPair", import_body("laptop", kRsaKey) +
                                                "&TagSpecification.1.ResourceType=key-pair"
                                                "&TagSpecification.1.Tag.1.Key=owner"
                                                "&TagSpecification.1.Tag.1.Value=me");
  aws::KeyPair imported = aws::parse_key_pair(root);
  EXPECT_EQ(imported.key_name, "laptop");
  EXPECT_TRUE(imported.key_pair_id.starts_with("key-"));
  EXPECT_EQ(imported.fingerprint, kRsaFingerprint);
  ASSERT_EQ(imported.tags.size(), 1u);
  aws::KeyPair ed25519 =
      aws::parse_key_pair(ok("ImportKeyPair", import_body("yubikey", kEd25519Key)));
  EXPECT_EQ(ed25519.fingerprint, kEd25519Fingerprint);

  auto described = key_pairs_of(ok("DescribeKeyPairs", "KeyName.1=yubikey"));
  ASSERT_EQ(described.size(), 1u);
  EXPECT_EQ(described[0].key_type, "ed25519");
  EXPECT_EQ(described[0].fingerprint, kEd25519Fingerprint);
}

TEST_F(KeyPairTest, ImportRejectsGarbageAndDuplicates) {
  expect_error("ImportKeyPair",
               "KeyName=bad&PublicKeyMaterial=" + form_encode(base64_encode("hello")),
               "InvalidKey.Format");
  expect_error("ImportKeyPair", "KeyName=bad&PublicKeyMaterial=%21%21%21", "InvalidKey.Format");
  expect_error("ImportKeyPair", "KeyName=bad", "MissingParameter");
  expect_error("ImportKeyPair", "PublicKeyMaterial=" + form_encode(base64_encode(kRsaKey)),
               "MissingParameter");
  ok("ImportKeyPair", import_body("laptop", kRsaKey));
  expect_error("ImportKeyPair", import_body("laptop", kEd25519Key), "InvalidKeyPair.Duplicate");
  ok("ImportKeyPair", import_body("laptop", kRsaKey), "eu-west-1");
}

TEST_F(KeyPairTest, DescribeByNameIdAndFilter) {
  aws::KeyPair laptop = aws::parse_key_pair(ok("ImportKeyPair", import_body("laptop", kRsaKey)));
  ok("ImportKeyPair", import_body("yubikey", kEd25519Key));
  EXPECT_EQ(key_pairs_of(ok("DescribeKeyPairs", "")).size(), 2u);
  auto by_id = key_pairs_of(ok("DescribeKeyPairs", "KeyPairId.1=" + laptop.key_pair_id));
  ASSERT_EQ(by_id.size(), 1u);
  EXPECT_EQ(by_id[0].key_name, "laptop");
  auto by_type =
      key_pairs_of(ok("DescribeKeyPairs", "Filter.1.Name=key-type&Filter.1.Value.1=rsa"));
  ASSERT_EQ(by_type.size(), 1u);
  auto by_fingerprint =
      key_pairs_of(ok("DescribeKeyPairs", "Filter.1.Name=fingerprint&Filter.1.Value.1=" +
                                              std::string(kRsaFingerprint)));
  ASSERT_EQ(by_fingerprint.size(), 1u);
  expect_error("DescribeKeyPairs", "KeyName.1=nope", "InvalidKeyPair.NotFound");
  expect_error("DescribeKeyPairs", "KeyPairId.1=key-0000000000000000f", "InvalidKeyPair.NotFound");
}

TEST_F(KeyPairTest, DescribeIncludesThePublicKeyOnRequest) {
  ok("ImportKeyPair", import_body("yubikey", kEd25519Key));
  EXPECT_EQ(aws::xml::text(ok("DescribeKeyPairs", "KeyName.1=yubikey"), "keySet/item/publicKey"),
            "");
  EXPECT_EQ(aws::xml::text(ok("DescribeKeyPairs", "KeyName.1=yubikey&IncludePublicKey=true"),
                           "keySet/item/publicKey"),
            std::string(kEd25519Key.substr(0, kEd25519Key.rfind(' '))) + " yubikey");
  EXPECT_FALSE(aws::xml::text(ok("DescribeKeyPairs", "KeyName.1=yubikey"), "keySet/item/createTime")
                   .empty());
}

TEST_F(KeyPairTest, DeleteByNameOrIdAndAbsentKeysSucceed) {
  ok("ImportKeyPair", import_body("laptop", kRsaKey));
  aws::KeyPair yubikey =
      aws::parse_key_pair(ok("ImportKeyPair", import_body("yubikey", kEd25519Key)));
  ok("DeleteKeyPair", "KeyName=laptop");
  ok("DeleteKeyPair", "KeyPairId=" + yubikey.key_pair_id);
  EXPECT_EQ(count("key-pair"), 0u);
  ok("DeleteKeyPair", "KeyName=laptop");
  expect_error("DeleteKeyPair", "", "MissingParameter");
}

TEST_F(KeyPairTest, CreateKeyPairHandsOutThePrivateKeyOnce) {
  pugi::xml_node root = ok("CreateKeyPair", "KeyName=made&KeyType=ed25519");
  EXPECT_TRUE(
      aws::xml::text(root, "keyMaterial").starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
  std::string fingerprint = aws::xml::text(root, "keyFingerprint");
  auto described = key_pairs_of(ok("DescribeKeyPairs", "KeyName.1=made"));
  ASSERT_EQ(described.size(), 1u);
  EXPECT_EQ(described[0].fingerprint, fingerprint);
  EXPECT_EQ(described[0].key_type, "ed25519");
  EXPECT_TRUE(aws::xml::text(ok("CreateKeyPair", "KeyName=rsa"), "keyMaterial")
                  .starts_with("-----BEGIN RSA PRIVATE KEY-----"));
  expect_error("CreateKeyPair", "KeyName=made", "InvalidKeyPair.Duplicate");
  expect_error("CreateKeyPair", "KeyName=x&KeyType=dsa", "InvalidParameterValue");
  expect_error("CreateKeyPair", "KeyName=x&KeyFormat=ppk", "InvalidParameterValue");
}

TEST_F(KeyPairTest, MutatingKeyCallsAnswerDryRun) {
  expect_dry_run("ImportKeyPair", import_body("laptop", kRsaKey));
  expect_dry_run("CreateKeyPair", "KeyName=made");
  EXPECT_EQ(count("key-pair"), 0u);
  ok("ImportKeyPair", import_body("laptop", kRsaKey));
  expect_dry_run("DeleteKeyPair", "KeyName=laptop");
  EXPECT_EQ(count("key-pair"), 1u);
}

}  // namespace
}  // namespace spawn::localcloud::network_testing
