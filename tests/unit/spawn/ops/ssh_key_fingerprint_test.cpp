// EC2's fingerprint of imported keys, for keys generated at test time, checked
// against oracles that share no code with spawn's: for RSA the command AWS documents
// (`ssh-keygen -e -m PKCS8 | openssl pkey -pubin -outform DER | openssl md5 -c`),
// for ED25519 `ssh-keygen -l`; and against localcloud's EC2, which must agree byte
// for byte or DescribeKeyPairs' fingerprint filter would never find an imported key.
#include "spawn/ops/ssh_key_fingerprint.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "localcloud/services/ec2/ec2_key_material.hpp"
#include "platform/process.hpp"
#include "temp_dir.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace spawn::ops {
namespace {

namespace fs = std::filesystem;

// What `argv` prints; fails the test when it cannot run or fails.
std::string output_of(const std::vector<std::string>& argv) {
  auto ran = platform::run_process(argv, {});
  if (!ran) {
    ADD_FAILURE() << "cannot run " << argv[0] << ": " << ran.error().message
                  << " -- this test needs ssh-keygen and openssl (Debian packages openssh-client "
                     "and openssl, installed by scripts/install-deps.sh)";
    return "";
  }
  EXPECT_EQ(ran->exit_code, 0) << argv[0] << " failed: " << ran->error_output;
  return std::string(trim(ran->output));
}

class GeneratedKey : public ::testing::Test {
 protected:
  // A new key from ssh-keygen; returns its .pub path.
  fs::path generate(const std::vector<std::string>& type_arguments) {
    fs::path private_key = dir_.path() / ("key" + std::to_string(++count_));
    std::vector<std::string> argv = {"ssh-keygen", "-q", "-N", "", "-C", "test"};
    argv.insert(argv.end(), type_arguments.begin(), type_arguments.end());
    argv.insert(argv.end(), {"-f", private_key.string()});
    output_of(argv);
    return private_key.string() + ".pub";
  }
  static std::string line_of(const fs::path& public_key) {
    return std::string(trim(read_file(public_key).value_or("")));
  }
  static std::string localcloud_fingerprint(const std::string& line) {
    auto key = localcloud::parse_openssh_public_key(line);
    if (!key)
      return "localcloud cannot read " + line;
    return localcloud::imported_key_fingerprint(*key).value_or("localcloud failed");
  }

  testing::TempDir dir_;
  int count_ = 0;
};

// AWS's documented command for an imported RSA key's fingerprint, run by bash; the path
// is bash's $1, never part of the script text.
std::string aws_documented_rsa_fingerprint(const fs::path& public_key) {
  std::string printed = output_of(
      {"bash", "-c",
       "set -o pipefail; ssh-keygen -e -f \"$1\" -m PKCS8 | openssl pkey -pubin -outform DER | "
       "openssl md5 -c",
       "bash", public_key.string()});
  // "MD5(stdin)= c8:67:…" (older OpenSSL: "(stdin)= c8:67:…")
  std::size_t equals = printed.rfind("= ");
  return equals == std::string::npos ? printed : printed.substr(equals + 2);
}

TEST_F(GeneratedKey, RsaMatchesAwsDocumentedCommand) {
  for (const char* bits : {"2048", "3072"}) {
    fs::path public_key = generate({"-t", "rsa", "-b", bits});
    std::string line = line_of(public_key);
    auto fingerprint = imported_key_fingerprint(line);
    ASSERT_TRUE(fingerprint) << fingerprint.error().message;
    EXPECT_EQ(*fingerprint, aws_documented_rsa_fingerprint(public_key)) << bits << " bits";
    EXPECT_EQ(*fingerprint, localcloud_fingerprint(line)) << bits << " bits";
  }
}

TEST_F(GeneratedKey, Ed25519MatchesLocalcloudAndSshKeygen) {
  fs::path public_key = generate({"-t", "ed25519"});
  std::string line = line_of(public_key);
  auto fingerprint = imported_key_fingerprint(line);
  ASSERT_TRUE(fingerprint) << fingerprint.error().message;
  EXPECT_EQ(*fingerprint, localcloud_fingerprint(line));
  // "256 SHA256:<base64 without padding> test (ED25519)"
  std::vector<std::string> listed =
      split(output_of({"ssh-keygen", "-l", "-E", "sha256", "-f", public_key.string()}), ' ');
  ASSERT_GE(listed.size(), 2u);
  EXPECT_EQ("SHA256:" + *fingerprint, listed[1] + "=");
}

TEST(ImportedKeyFingerprint, FixedKeysGiveTheirKnownFingerprints) {
  EXPECT_EQ(imported_key_fingerprint(
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGjqmF07aq4YMPyvg9CKQsQ2dLCmL9K4WvIRui5wJvJC"),
            "ZJPbkLnrAvmc4e2yjWBhq2VUpJlGY2nBS1iuG1XSySM=");
  EXPECT_EQ(imported_key_fingerprint(
                "ssh-rsa "
                "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC+WOohuRq+9y4ZUo3zJtYzhwY6e1Q4BjQYoxjTpehxev99K6aPL"
                "DkNBZxOEalyevd+LDNg+ON+WDa3+8qv4jcHdlmRr7U6+dwou+I1XcBvDmm7qPlxAKBOhQb/"
                "HCjGe4YMsRRWoClTGBXutXlZ+8t5wKXiF9s06ymfl3ld7DGeoQ==\tcomment with spaces\n"),
            "b5:62:6c:a5:eb:4e:b1:33:ca:3b:e9:89:07:92:a5:6f");
}

TEST(ImportedKeyFingerprint, EcdsaIsAUsageError) {
  auto fingerprint = imported_key_fingerprint(
      "ecdsa-sha2-nistp256 "
      "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBCEI9UJkqTG0x+lbN+RJ2svecJm6xnlHVSRP1Um2"
      "nPI4o2mbr5o2y3hAtUPW8m+7TA/+P5cBrGr/LmsTlQgHPrM=");
  ASSERT_FALSE(fingerprint);
  EXPECT_EQ(fingerprint.error().kind, ErrorKind::usage);
}

TEST(ImportedKeyFingerprint, LinesThatAreNotKeysAreParseErrors) {
  for (std::string_view line :
       {"", "ssh-ed25519", "ssh-ed25519 !!!!", "ssh-ed25519 AAAAB3NzaC1yc2EAAAADAQABAAAAgQC+",
        // an RSA blob under an ed25519 label
        "ssh-ed25519 "
        "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC+WOohuRq+9y4ZUo3zJtYzhwY6e1Q4BjQYoxjTpehxev99K6aPLDkNBZxO"
        "Ealyevd+LDNg+ON+WDa3+8qv4jcHdlmRr7U6+dwou+I1XcBvDmm7qPlxAKBOhQb/"
        "HCjGe4YMsRRWoClTGBXutXlZ+8t5wKXiF9s06ymfl3ld7DGeoQ==",
        // an ed25519 key cut short
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGjqmF07aq4YMPyvg9CKQsQ2dLCmL9K4WvIRui5w"}) {
    auto fingerprint = imported_key_fingerprint(line);
    ASSERT_FALSE(fingerprint) << line;
    EXPECT_EQ(fingerprint.error().kind, ErrorKind::parse) << line;
  }
}

}  // namespace
}  // namespace spawn::ops
