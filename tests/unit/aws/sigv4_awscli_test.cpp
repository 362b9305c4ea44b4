// Our signer against what the AWS CLI really sent (shared test data
// awscli-requests/, see its README): every signed capture of awscli 2.9.19
// (Debian) and 1.45.11 (pip), IMDS-credential flow included. Each request is
// re-signed from its own inputs (the key and scope from its credential, its
// X-Amz-Date, its session token) with the options we use for that service, and
// must come out with the same Authorization header and canonical request as
// botocore's. The verifier must also accept every captured signature.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "aws/sigv4.hpp"
#include "raw_request.hpp"
#include "testdata.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 2> kCaptureFolders = {"awscli-requests/awscli-2.9.19-debian",
                                                        "awscli-requests/awscli-1.45.11-pip"};
// The secret key every capture was made with (the folder's README; IMDS served the same one).
constexpr std::string_view kCaptureSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

struct Capture {
  std::string name;  // "awscli-2.9.19-debian/imds/imds-04-sts"
  fs::path http_file;
};

// gtest prints the case by its name, not its bytes.
void PrintTo(const Capture& value, std::ostream* out) {
  *out << value.name;
}

std::string capture_test_name(const ::testing::TestParamInfo<Capture>& info) {
  std::string name = info.param.name;
  std::replace_if(
      name.begin(), name.end(), [](unsigned char c) { return !std::isalnum(c); }, '_');
  return name;
}

// The .http files (at any depth) that carry an Authorization header; IMDS calls are unsigned.
std::vector<Capture> signed_captures() {
  std::vector<Capture> captures;
  for (const char* folder : kCaptureFolders) {
    auto root = testing::testdata_path(folder);
    if (!root)
      continue;
    for (const auto& entry : fs::recursive_directory_iterator(*root)) {
      if (entry.path().extension() != ".http")
        continue;
      auto request = testing::parse_raw_request(testing::read_testdata_file(entry.path()), "http");
      if (!request || !request->header("Authorization"))
        continue;
      auto relative = fs::relative(entry.path(), root->parent_path()).replace_extension();
      captures.push_back({relative.generic_string(), entry.path()});
    }
  }
  std::sort(captures.begin(), captures.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return captures;
}

// One "==== <title>" section of a .botocore.txt file, without its final newline.
std::string botocore_section(const std::string& text, std::string_view title) {
  auto marker = "==== " + std::string(title) + "\n";
  auto start = text.find(marker);
  if (start == std::string::npos)
    return "<no " + std::string(title) + " section>";
  start += marker.size();
  auto end = std::min(text.find("\n==== ", start), text.size());
  auto section = text.substr(start, end - start);
  if (section.ends_with('\n'))
    section.pop_back();
  return section;
}

class AwsCliCaptures : public ::testing::TestWithParam<Capture> {
 protected:
  void SetUp() override {
    auto parsed =
        testing::parse_raw_request(testing::read_testdata_file(GetParam().http_file), "http");
    ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
    captured_ = *parsed;
    auto claim = parse_authorization_header(*captured_.header("Authorization"));
    ASSERT_TRUE(claim.has_value()) << claim.error().message;
    claim_ = *claim;
  }

  // The request as botocore had it when it signed: without the Authorization it produced
  // and without Content-Length, which the HTTP layer adds afterwards (as our transport does).
  HttpRequest unsigned_request() const {
    HttpRequest request = captured_;
    remove_header(request.headers, "Authorization");
    remove_header(request.headers, "Content-Length");
    return request;
  }

  Credentials credentials() const {
    auto token = captured_.header("X-Amz-Security-Token");
    return Credentials{claim_.access_key_id, std::string(kCaptureSecretKey),
                       std::string(trim(token.value_or(""))), std::nullopt, "capture"};
  }

  SigningScope scope() const {
    auto time = parse_iso8601(trim(captured_.header("X-Amz-Date").value_or("")));
    EXPECT_TRUE(time.has_value()) << "capture without a valid X-Amz-Date";
    return {claim_.service, claim_.region, time.value_or(SystemTime{})};
  }

  fs::path botocore_file() const {
    auto path = GetParam().http_file;
    return path.replace_extension(".botocore.txt");
  }

  HttpRequest captured_;
  SignatureClaim claim_;
};

TEST_P(AwsCliCaptures, ResigningGivesTheSameAuthorizationHeader) {
  auto request = unsigned_request();
  auto steps = sign_request(request, credentials(), scope(), signing_options_for(claim_.service));
  ASSERT_TRUE(steps.has_value()) << steps.error().message;
  EXPECT_EQ(request.header("Authorization").value_or(""), trim(*captured_.header("Authorization")));
  if (!fs::exists(botocore_file()))
    return;  // the IMDS flow's STS call was not logged
  auto botocore = testing::read_testdata_file(botocore_file());
  EXPECT_EQ(steps->canonical_request, botocore_section(botocore, "CanonicalRequest"));
  EXPECT_EQ(steps->string_to_sign, botocore_section(botocore, "StringToSign"));
  EXPECT_EQ(steps->signature, botocore_section(botocore, "Signature"));
}

TEST_P(AwsCliCaptures, VerifierAcceptsTheCapturedSignature) {
  auto claim = read_signature_claim(captured_);
  ASSERT_TRUE(claim.has_value()) << claim.error().message;
  auto expected =
      expected_signature(captured_, *claim, kCaptureSecretKey, verify_options_for(claim->service));
  ASSERT_TRUE(expected.has_value()) << expected.error().message;
  EXPECT_TRUE(constant_time_equals(expected->signature, claim->signature))
      << "canonical request:\n"
      << expected->canonical_request;
}

TEST_P(AwsCliCaptures, VerifierRejectsATamperedRequest) {
  auto tampered = captured_;
  set_header(tampered.headers, "Host", "attacker.example:1");
  tampered.body += " ";
  auto claim = read_signature_claim(tampered);
  ASSERT_TRUE(claim.has_value()) << claim.error().message;
  auto expected =
      expected_signature(tampered, *claim, kCaptureSecretKey, verify_options_for(claim->service));
  ASSERT_TRUE(expected.has_value()) << expected.error().message;
  EXPECT_NE(expected->signature, claim->signature);
  EXPECT_TRUE(declared_payload_hash_matches(captured_));
  EXPECT_EQ(declared_payload_hash_matches(tampered), !tampered.header("X-Amz-Content-SHA256"))
      << "a declared payload hash must no longer match a changed body";
}

INSTANTIATE_TEST_SUITE_P(Capture, AwsCliCaptures, ::testing::ValuesIn(signed_captures()),
                         capture_test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AwsCliCaptures);

// Without the data the tests above have no cases; this one says so (and fails under CI).
TEST(AwsCliCaptureFolders, HoldSignedRequestsOfBothCliVersions) {
  for (const char* folder : kCaptureFolders) {
    SPAWN_REQUIRE_TESTDATA(root, folder);
    auto captures = signed_captures();
    auto in_folder = std::count_if(captures.begin(), captures.end(), [&](const Capture& capture) {
      return capture.http_file.string().starts_with(root.string());
    });
    EXPECT_GT(in_folder, 0) << root;
  }
}

}  // namespace
}  // namespace spawn::aws
