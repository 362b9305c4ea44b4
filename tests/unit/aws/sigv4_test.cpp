// AWS's two published SigV4 suites, every case, discovered from the folders in
// the shared test data (see its README): aws-c-auth's (header and presigned
// signing, then our verifier over the expected signed requests) and the
// classic suite kept by botocore (canonical request, string to sign,
// Authorization value). Each case is its own test, named after its folder.
#include "aws/sigv4.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "raw_request.hpp"
#include "testdata.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

namespace fs = std::filesystem;

constexpr const char* kAwsCAuthSuite = "sigv4/aws-c-auth-v4";
constexpr const char* kBotocoreSuite = "sigv4/aws4_testsuite-botocore";
// The classic suite's fixed inputs (its README); aws-c-auth states them per case.
constexpr std::string_view kSuiteAccessKey = "AKIDEXAMPLE";
constexpr std::string_view kSuiteSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::string_view kSuiteTime = "2015-08-30T12:36:00Z";
constexpr std::string_view kSuiteRegion = "us-east-1";
constexpr std::string_view kSuiteService = "service";

struct VectorCase {
  std::string name;  // the folder, relative to the suite: "normalize-path/get-space"
  fs::path folder;
};

// gtest prints the case by its name, not its bytes.
void PrintTo(const VectorCase& value, std::ostream* out) {
  *out << value.name;
}

std::string case_test_name(const ::testing::TestParamInfo<VectorCase>& info) {
  std::string name = info.param.name;
  std::replace_if(
      name.begin(), name.end(), [](unsigned char c) { return !std::isalnum(c); }, '_');
  return name;
}

std::vector<VectorCase> sorted(std::vector<VectorCase> cases) {
  std::sort(cases.begin(), cases.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return cases;
}

// aws-c-auth: every folder holding a context.json.
std::vector<VectorCase> aws_c_auth_cases() {
  std::vector<VectorCase> cases;
  auto root = testing::testdata_path(kAwsCAuthSuite);
  if (!root)
    return cases;
  for (const auto& entry : fs::directory_iterator(*root)) {
    if (fs::exists(entry.path() / "context.json")) {
      cases.push_back({entry.path().filename().string(), entry.path()});
    }
  }
  return sorted(std::move(cases));
}

// The classic suite: every folder (at any depth) holding <folder name>.req.
std::vector<VectorCase> botocore_cases() {
  std::vector<VectorCase> cases;
  auto root = testing::testdata_path(kBotocoreSuite);
  if (!root)
    return cases;
  for (const auto& entry : fs::recursive_directory_iterator(*root)) {
    auto request = entry.path() / (entry.path().filename().string() + ".req");
    if (entry.is_directory() && fs::exists(request)) {
      cases.push_back({fs::relative(entry.path(), *root).generic_string(), entry.path()});
    }
  }
  return sorted(std::move(cases));
}

std::string read(const fs::path& path) {
  return testing::read_testdata_file(path);
}

HttpRequest parse_request_file(const fs::path& path) {
  auto request = testing::parse_raw_request(read(path), "https");
  EXPECT_TRUE(request.has_value()) << path << ": " << request.error().message;
  return request.value_or(HttpRequest{});
}

// A request in the vectors' layout with lower-case header names: names are
// case-insensitive, everything else must match byte for byte.
std::string comparable(HttpRequest request) {
  for (auto& header : request.headers)
    header.first = to_lower(header.first);
  return testing::serialize_request(request);
}

SystemTime suite_time(std::string_view text) {
  auto time = parse_iso8601(text);
  EXPECT_TRUE(time.has_value()) << text;
  return time.value_or(SystemTime{});
}

// One aws-c-auth context.json.
struct AwsCAuthContext {
  Credentials credentials;
  SigningScope scope;
  PathHandling path = PathHandling::normalize_and_encode;
  PayloadHashHeader payload_header = PayloadHashHeader::omit;
  SessionTokenPlacement token = SessionTokenPlacement::sign;
  std::chrono::seconds expires{0};

  SigningOptions signing() const { return {path, payload_header, token}; }
  PresignOptions presigning() const { return {expires, path, PresignPayload::body_hash, token}; }
};

AwsCAuthContext load_context(const fs::path& folder) {
  auto json = nlohmann::json::parse(read(folder / "context.json"));
  const auto& keys = json.at("credentials");
  AwsCAuthContext context;
  context.credentials.access_key_id = keys.at("access_key_id").get<std::string>();
  context.credentials.secret_access_key = keys.at("secret_access_key").get<std::string>();
  context.credentials.session_token = keys.value("token", "");
  context.scope = {json.at("service").get<std::string>(), json.at("region").get<std::string>(),
                   suite_time(json.at("timestamp").get<std::string>())};
  if (!json.at("normalize").get<bool>())
    context.path = PathHandling::encode_only;
  if (json.at("sign_body").get<bool>())
    context.payload_header = PayloadHashHeader::add;
  if (json.value("omit_session_token", false)) {
    context.token = SessionTokenPlacement::add_after_signing;
  }
  context.expires = std::chrono::seconds(json.at("expiration_in_seconds").get<long long>());
  return context;
}

class AwsCAuthVectors : public ::testing::TestWithParam<VectorCase> {
 protected:
  const fs::path& folder() const { return GetParam().folder; }
};

TEST_P(AwsCAuthVectors, HeaderSigning) {
  auto context = load_context(folder());
  auto request = parse_request_file(folder() / "request.txt");
  auto steps = sign_request(request, context.credentials, context.scope, context.signing());
  ASSERT_TRUE(steps.has_value()) << steps.error().message;
  EXPECT_EQ(steps->canonical_request, read(folder() / "header-canonical-request.txt"));
  EXPECT_EQ(steps->string_to_sign, read(folder() / "header-string-to-sign.txt"));
  EXPECT_EQ(steps->signature, read(folder() / "header-signature.txt"));
  EXPECT_EQ(comparable(request),
            comparable(parse_request_file(folder() / "header-signed-request.txt")));
}

TEST_P(AwsCAuthVectors, QuerySigning) {
  auto context = load_context(folder());
  auto request = parse_request_file(folder() / "request.txt");
  auto presigned = presign(request, context.credentials, context.scope, context.presigning());
  ASSERT_TRUE(presigned.has_value()) << presigned.error().message;
  EXPECT_EQ(presigned->steps.canonical_request, read(folder() / "query-canonical-request.txt"));
  EXPECT_EQ(presigned->steps.string_to_sign, read(folder() / "query-string-to-sign.txt"));
  EXPECT_EQ(presigned->steps.signature, read(folder() / "query-signature.txt"));
  request.url = presigned->url;
  EXPECT_EQ(comparable(request),
            comparable(parse_request_file(folder() / "query-signed-request.txt")));
}

// The verifier recomputes the suite's signature from the suite's signed request alone.
void expect_verifier_accepts(const fs::path& signed_request, const fs::path& signature_file,
                             const AwsCAuthContext& context) {
  auto received = parse_request_file(signed_request);
  auto claim = read_signature_claim(received);
  ASSERT_TRUE(claim.has_value()) << claim.error().message;
  EXPECT_EQ(claim->access_key_id, context.credentials.access_key_id);
  EXPECT_EQ(claim->region, context.scope.region);
  EXPECT_EQ(claim->service, context.scope.service);
  auto expected = expected_signature(received, *claim, context.credentials.secret_access_key,
                                     VerifyOptions{context.path, PresignPayload::body_hash});
  ASSERT_TRUE(expected.has_value()) << expected.error().message;
  EXPECT_EQ(expected->signature, read(signature_file));
  EXPECT_TRUE(constant_time_equals(expected->signature, claim->signature));
}

TEST_P(AwsCAuthVectors, VerifierAcceptsHeaderSignedRequest) {
  expect_verifier_accepts(folder() / "header-signed-request.txt", folder() / "header-signature.txt",
                          load_context(folder()));
}

TEST_P(AwsCAuthVectors, VerifierJudgesPresignedRequestAsAwsWould) {
  auto context = load_context(folder());
  if (context.token != SessionTokenPlacement::add_after_signing) {
    expect_verifier_accepts(folder() / "query-signed-request.txt", folder() / "query-signature.txt",
                            context);
    return;
  }
  // AWS counts every X-Amz-Security-Token query parameter as signed, so a presigned URL whose
  // token was appended after signing does not verify: the server must reject it.
  auto received = parse_request_file(folder() / "query-signed-request.txt");
  auto claim = read_signature_claim(received);
  ASSERT_TRUE(claim.has_value()) << claim.error().message;
  ASSERT_FALSE(claim->security_token.empty());
  auto expected = expected_signature(received, *claim, context.credentials.secret_access_key,
                                     VerifyOptions{context.path, PresignPayload::body_hash});
  ASSERT_TRUE(expected.has_value()) << expected.error().message;
  EXPECT_FALSE(constant_time_equals(expected->signature, claim->signature));
}

INSTANTIATE_TEST_SUITE_P(Suite, AwsCAuthVectors, ::testing::ValuesIn(aws_c_auth_cases()),
                         case_test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AwsCAuthVectors);

// The classic suite states the session token only in the signed request (.sreq);
// its readme defines post-sts-header-after as "token added after signing".
Credentials botocore_credentials(const VectorCase& vector) {
  Credentials credentials{std::string(kSuiteAccessKey), std::string(kSuiteSecretKey), "", {}, ""};
  auto signed_request =
      parse_request_file(vector.folder / (vector.folder.filename().string() + ".sreq"));
  if (auto token = signed_request.header("X-Amz-Security-Token")) {
    credentials.session_token = std::string(trim(*token));
  }
  return credentials;
}

class BotocoreVectors : public ::testing::TestWithParam<VectorCase> {
 protected:
  fs::path file(std::string_view extension) const {
    return GetParam().folder / (GetParam().folder.filename().string() + std::string(extension));
  }
  SigningOptions options() const {
    SigningOptions options;
    if (GetParam().name.ends_with("header-after")) {
      options.session_token = SessionTokenPlacement::add_after_signing;
    }
    return options;
  }
  SigningScope scope() const {
    return {std::string(kSuiteService), std::string(kSuiteRegion), suite_time(kSuiteTime)};
  }
};

TEST_P(BotocoreVectors, HeaderSigning) {
  auto request = parse_request_file(file(".req"));
  auto steps = sign_request(request, botocore_credentials(GetParam()), scope(), options());
  ASSERT_TRUE(steps.has_value()) << steps.error().message;
  EXPECT_EQ(steps->canonical_request, read(file(".creq")));
  EXPECT_EQ(steps->string_to_sign, read(file(".sts")));
  EXPECT_EQ(request.header("Authorization").value_or(""), read(file(".authz")));
}

TEST_P(BotocoreVectors, VerifierAcceptsTheSuiteSignature) {
  auto credentials = botocore_credentials(GetParam());
  auto received = parse_request_file(file(".req"));
  ASSERT_TRUE(sign_request(received, credentials, scope(), options()).has_value());
  set_header(received.headers, "Authorization", read(file(".authz")));
  auto claim = read_signature_claim(received);
  ASSERT_TRUE(claim.has_value()) << claim.error().message;
  auto expected =
      expected_signature(received, *claim, credentials.secret_access_key, VerifyOptions{});
  ASSERT_TRUE(expected.has_value()) << expected.error().message;
  EXPECT_EQ(expected->signature, claim->signature);
}

INSTANTIATE_TEST_SUITE_P(Suite, BotocoreVectors, ::testing::ValuesIn(botocore_cases()),
                         case_test_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(BotocoreVectors);

// Without the data the parameterised tests above have no cases; this one says so
// (and fails under CI), so a missing folder never passes silently.
TEST(SigV4Suites, AreFoundWithEveryCase) {
  SPAWN_REQUIRE_TESTDATA(aws_c_auth_root, kAwsCAuthSuite);
  SPAWN_REQUIRE_TESTDATA(botocore_root, kBotocoreSuite);
  std::size_t folders = 0;
  for (const auto& entry : fs::directory_iterator(aws_c_auth_root)) {
    folders += entry.is_directory() ? 1 : 0;
  }
  EXPECT_EQ(aws_c_auth_cases().size(), folders) << "an aws-c-auth folder without context.json";
  std::size_t requests = 0;
  for (const auto& entry : fs::recursive_directory_iterator(botocore_root)) {
    requests += entry.path().extension() == ".req" ? 1 : 0;
  }
  EXPECT_EQ(botocore_cases().size(), requests) << "a .req file outside a folder of its name";
}

// Behaviour beyond the suites: what callers and localcloud rely on.

Credentials example_credentials(std::string session_token = "") {
  return Credentials{std::string(kSuiteAccessKey), std::string(kSuiteSecretKey),
                     std::move(session_token), std::nullopt, "test"};
}

SigningScope example_scope(std::string service) {
  return {std::move(service), "eu-west-1", suite_time("2026-01-02T03:04:05Z")};
}

HttpRequest example_request(std::string path = "/") {
  HttpRequest request;
  request.method = "POST";
  request.url = Url::parse("https://ec2.eu-west-1.amazonaws.com" + path).value();
  request.headers = {{"Host", request.url.authority()},
                     {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body = "Action=DescribeInstances&Version=2016-11-15";
  return request;
}

std::string signed_headers_of(const HttpRequest& request) {
  auto claim = parse_authorization_header(request.header("Authorization").value_or(""));
  EXPECT_TRUE(claim.has_value());
  return claim ? join(claim->signed_headers, ";") : "";
}

TEST(SigV4Signing, DerivesTheSigningKeyOfAwsDocumentation) {
  EXPECT_EQ(hex_encode(signing_key(kSuiteSecretKey, "20150830", "us-east-1", "iam")),
            "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  EXPECT_EQ(credential_scope("20150830", "us-east-1", "iam"),
            "20150830/us-east-1/iam/aws4_request");
}

TEST(SigV4Signing, AddsDateTokenAndAuthorization) {
  auto request = example_request();
  ASSERT_TRUE(sign_request(request, example_credentials("TOKEN"), example_scope("ec2")));
  EXPECT_EQ(request.header("X-Amz-Date"), "20260102T030405Z");
  EXPECT_EQ(request.header("X-Amz-Security-Token"), "TOKEN");
  EXPECT_FALSE(request.header("X-Amz-Content-SHA256"));
  auto authorization = std::string(request.header("Authorization").value_or(""));
  EXPECT_TRUE(authorization.starts_with(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/eu-west-1/ec2/aws4_request, "
      "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature="))
      << authorization;
}

TEST(SigV4Signing, ResigningReplacesEveryHeaderItSet) {
  auto request = example_request();
  ASSERT_TRUE(sign_request(request, example_credentials("OLD"), example_scope("ec2")));
  auto later = example_scope("ec2");
  later.time += std::chrono::minutes(5);
  ASSERT_TRUE(sign_request(request, example_credentials("NEW"), later));
  auto count = [&](std::string_view name) {
    return std::count_if(request.headers.begin(), request.headers.end(),
                         [&](const auto& header) { return iequals(header.first, name); });
  };
  EXPECT_EQ(count("Authorization"), 1);
  EXPECT_EQ(count("X-Amz-Date"), 1);
  EXPECT_EQ(request.header("X-Amz-Date"), "20260102T030905Z");
  EXPECT_EQ(request.header("X-Amz-Security-Token"), "NEW");
  EXPECT_EQ(signed_headers_of(request), "content-type;host;x-amz-date;x-amz-security-token");
}

TEST(SigV4Signing, LeavesTransportHeadersUnsigned) {
  auto request = example_request();
  request.headers.insert(request.headers.end(), {{"User-Agent", "spawn/1"},
                                                 {"Expect", "100-continue"},
                                                 {"Accept-Encoding", "identity"},
                                                 {"Connection", "keep-alive"},
                                                 {"amz-sdk-request", "attempt=1"},
                                                 {"X-Amzn-Trace-Id", "Root=1"},
                                                 {"X-Amz-Target", "AmazonSSM.GetParameter"},
                                                 {"Content-Length", "43"}});
  ASSERT_TRUE(sign_request(request, example_credentials(), example_scope("ssm")));
  EXPECT_EQ(signed_headers_of(request), "content-length;content-type;host;x-amz-date;x-amz-target");
}

TEST(SigV4Signing, SignsTheUrlAuthorityWhenThereIsNoHostHeader) {
  auto with_header = example_request();
  with_header.url.port = 8443;
  with_header.headers[0].second = with_header.url.authority();
  auto without_header = with_header;
  remove_header(without_header.headers, "Host");
  auto a = sign_request(with_header, example_credentials(), example_scope("ec2"));
  auto b = sign_request(without_header, example_credentials(), example_scope("ec2"));
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->canonical_request.find("host:ec2.eu-west-1.amazonaws.com:8443\n"),
            std::string::npos);
  EXPECT_EQ(a->signature, b->signature);
}

TEST(SigV4Signing, NonS3ServicesEncodeTheWirePathAgain) {
  auto request = example_request("/a%20b/./c");
  auto steps = sign_request(request, example_credentials(), example_scope("scheduler"));
  ASSERT_TRUE(steps);
  EXPECT_TRUE(steps->canonical_request.starts_with("POST\n/a%2520b/c\n"))
      << steps->canonical_request;
}

TEST(SigV4Signing, S3SignsItsWirePathAndThePayloadHashHeader) {
  auto request = example_request("/bucket/a%20b//c~d.txt");
  request.method = "PUT";
  request.body = "hello world\n";
  auto steps = sign_request(request, example_credentials(), example_scope("s3"));
  ASSERT_TRUE(steps);
  EXPECT_TRUE(steps->canonical_request.starts_with("PUT\n/bucket/a%20b//c~d.txt\n"));
  EXPECT_EQ(request.header("X-Amz-Content-SHA256"), sha256_hex("hello world\n"));
  EXPECT_TRUE(steps->canonical_request.ends_with("\n" + sha256_hex("hello world\n")));
  EXPECT_EQ(signed_headers_of(request), "content-type;host;x-amz-content-sha256;x-amz-date");
}

TEST(SigV4Signing, KeepsAPayloadHashTheCallerDeclared) {
  auto request = example_request("/bucket/key");
  request.headers.emplace_back("X-Amz-Content-SHA256", std::string(kUnsignedPayload));
  auto steps = sign_request(request, example_credentials(), example_scope("s3"));
  ASSERT_TRUE(steps);
  EXPECT_EQ(request.header("X-Amz-Content-SHA256"), kUnsignedPayload);
  EXPECT_TRUE(steps->canonical_request.ends_with("\nUNSIGNED-PAYLOAD"));
}

TEST(SigV4Signing, RefusesCredentialsWithoutKeys) {
  auto request = example_request();
  auto no_secret = example_credentials();
  no_secret.secret_access_key.clear();
  auto signed_request = sign_request(request, no_secret, example_scope("ec2"));
  ASSERT_FALSE(signed_request);
  EXPECT_EQ(signed_request.error().kind, ErrorKind::auth);
  EXPECT_FALSE(request.header("Authorization"));
}

TEST(SigV4Signing, SignedRequestsPassTheVerifier) {
  for (std::string service : {"ec2", "s3", "sts"}) {
    auto request = example_request("/some%20path/");
    ASSERT_TRUE(sign_request(request, example_credentials("TOKEN"), example_scope(service)));
    auto claim = read_signature_claim(request);
    ASSERT_TRUE(claim) << claim.error().message;
    EXPECT_EQ(claim->security_token, "TOKEN");
    auto expected =
        expected_signature(request, *claim, kSuiteSecretKey, verify_options_for(service));
    ASSERT_TRUE(expected) << expected.error().message;
    EXPECT_EQ(expected->signature, claim->signature) << service;
  }
}

HttpRequest s3_get(std::string path) {
  HttpRequest request;
  request.url = Url::parse("https://bucket.s3.eu-west-1.amazonaws.com" + path).value();
  request.headers = {{"Host", request.url.authority()}};
  return request;
}

TEST(SigV4Presigning, S3UrlsAreUnsignedPayloadAndVerify) {
  auto request = s3_get("/dir/a%20b.txt");
  auto presigned = presign(request, example_credentials("TOKEN"), example_scope("s3"),
                           presign_options_for("s3", std::chrono::seconds(300)));
  ASSERT_TRUE(presigned) << presigned.error().message;
  EXPECT_TRUE(presigned->steps.canonical_request.ends_with("\nhost\nUNSIGNED-PAYLOAD"));
  EXPECT_EQ(presigned->url.path, "/dir/a%20b.txt");
  EXPECT_NE(presigned->url.query.find("&X-Amz-Expires=300&X-Amz-Security-Token=TOKEN&"),
            std::string::npos)
      << presigned->url.query;
  HttpRequest received = request;
  received.url = presigned->url;
  auto claim = read_signature_claim(received);
  ASSERT_TRUE(claim) << claim.error().message;
  EXPECT_EQ(claim->expires, std::chrono::seconds(300));
  auto expected = expected_signature(received, *claim, kSuiteSecretKey, verify_options_for("s3"));
  ASSERT_TRUE(expected) << expected.error().message;
  EXPECT_EQ(expected->signature, claim->signature);
}

TEST(SigV4Presigning, PresignUrlIsTheTextOfPresign) {
  auto request = s3_get("/key");
  auto scope = example_scope("s3");
  auto text = presign_url(request, example_credentials(), scope, std::chrono::hours(1));
  auto presigned = presign(request, example_credentials(), scope,
                           presign_options_for("s3", std::chrono::hours(1)));
  ASSERT_TRUE(text && presigned);
  EXPECT_EQ(*text, presigned->url.to_string());
  EXPECT_TRUE(text->starts_with("https://bucket.s3.eu-west-1.amazonaws.com/key?X-Amz-Algorithm="));
}

TEST(SigV4Presigning, ExpiryMustBeBetweenOneSecondAndSevenDays) {
  auto request = s3_get("/key");
  for (auto expires : {std::chrono::seconds(0), kMaxPresignExpiry + std::chrono::seconds(1)}) {
    auto presigned = presign_url(request, example_credentials(), example_scope("s3"), expires);
    ASSERT_FALSE(presigned) << expires.count();
    EXPECT_EQ(presigned.error().kind, ErrorKind::usage);
  }
  EXPECT_TRUE(presign_url(request, example_credentials(), example_scope("s3"), kMaxPresignExpiry));
}

}  // namespace
}  // namespace spawn::aws
