#include "aws/ca_bundle.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace spawn::aws {
namespace {

namespace fs = std::filesystem;

// A fake file-system root with some of the well-known bundle files in it.
class CaBundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("spawn-ca-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  fs::path touch(const std::string& relative) {
    auto path = root_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << "-----BEGIN CERTIFICATE-----\n";
    return path;
  }

  Result<CaBundle> find(std::map<std::string, std::string, std::less<>> vars,
                        std::optional<std::string> profile = std::nullopt) {
    return find_ca_bundle(MapEnvironment(std::move(vars)), profile, root_);
  }

  fs::path root_;
};

TEST_F(CaBundleTest, NothingFoundMeansOpenSslDefaults) {
  auto bundle = find({});
  ASSERT_TRUE(bundle) << bundle.error().message;
  EXPECT_FALSE(bundle->file);
  EXPECT_FALSE(bundle->directory);
}

TEST_F(CaBundleTest, FindsEachDistributionsBundle) {
  for (const char* relative :
       {"etc/ssl/certs/ca-certificates.crt", "etc/pki/tls/certs/ca-bundle.crt",
        "etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", "etc/ssl/ca-bundle.pem",
        "etc/ssl/cert.pem"}) {
    fs::remove_all(root_ / "etc");
    auto expected = touch(relative);
    auto bundle = find({});
    ASSERT_TRUE(bundle) << bundle.error().message;
    EXPECT_EQ(bundle->file, expected) << relative;
  }
}

TEST_F(CaBundleTest, DebianPathIsPreferredWhenSeveralExist) {
  touch("etc/ssl/cert.pem");
  auto debian = touch("etc/ssl/certs/ca-certificates.crt");
  EXPECT_EQ(find({})->file, debian);
}

TEST_F(CaBundleTest, ExplicitSettingsOverrideInOrder) {
  touch("etc/ssl/certs/ca-certificates.crt");
  auto aws = touch("aws.pem");
  auto profile = touch("profile.pem");
  auto ssl = touch("ssl.pem");
  EXPECT_EQ(find({{"SSL_CERT_FILE", ssl.string()}})->file, ssl);
  EXPECT_EQ(find({{"SSL_CERT_FILE", ssl.string()}}, profile.string())->file, profile);
  EXPECT_EQ(
      find({{"SSL_CERT_FILE", ssl.string()}, {"AWS_CA_BUNDLE", aws.string()}}, profile.string())
          ->file,
      aws);
}

TEST_F(CaBundleTest, MissingExplicitBundleIsAnErrorNamingItsOrigin) {
  touch("etc/ssl/certs/ca-certificates.crt");
  auto missing = (root_ / "nope.pem").string();
  struct Case {
    std::map<std::string, std::string, std::less<>> vars;
    std::optional<std::string> profile;
    std::string origin;
  };
  for (const auto& [vars, profile, origin] :
       {Case{{{"AWS_CA_BUNDLE", missing}}, std::nullopt, "AWS_CA_BUNDLE"},
        Case{{}, missing, "ca_bundle in the AWS config file"},
        Case{{{"SSL_CERT_FILE", missing}}, std::nullopt, "SSL_CERT_FILE"}}) {
    auto bundle = find(vars, profile);
    ASSERT_FALSE(bundle) << origin;
    EXPECT_EQ(bundle.error().kind, ErrorKind::usage);
    EXPECT_NE(bundle.error().message.find(missing), std::string::npos) << bundle.error().message;
    EXPECT_NE(bundle.error().message.find(origin), std::string::npos) << bundle.error().message;
  }
}

TEST_F(CaBundleTest, AFolderIsNotABundle) {
  fs::create_directories(root_ / "dir.pem");
  EXPECT_FALSE(find({{"AWS_CA_BUNDLE", (root_ / "dir.pem").string()}}));
}

TEST_F(CaBundleTest, EmptyVariablesAreIgnored) {
  auto debian = touch("etc/ssl/certs/ca-certificates.crt");
  auto bundle = find({{"AWS_CA_BUNDLE", ""}, {"SSL_CERT_FILE", ""}}, std::string());
  ASSERT_TRUE(bundle) << bundle.error().message;
  EXPECT_EQ(bundle->file, debian);
}

TEST_F(CaBundleTest, TildeInTheProfileMeansHome) {
  auto bundle_path = touch("home/me/certs/corp.pem");
  auto bundle = find({{"HOME", (root_ / "home/me").string()}}, "~/certs/corp.pem");
  ASSERT_TRUE(bundle) << bundle.error().message;
  EXPECT_EQ(bundle->file, bundle_path);
}

TEST_F(CaBundleTest, CertificateFolderComesFromSslCertDir) {
  auto bundle = find({{"SSL_CERT_DIR", "/etc/ssl/certs:/opt/certs"}});
  ASSERT_TRUE(bundle);
  EXPECT_EQ(bundle->directory, fs::path("/etc/ssl/certs:/opt/certs"));
  EXPECT_FALSE(bundle->file);
}

}  // namespace
}  // namespace spawn::aws
