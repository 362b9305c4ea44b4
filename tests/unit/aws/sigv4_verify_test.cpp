#include <gtest/gtest.h>

#include "aws/sigv4.hpp"

namespace spawn::aws {
namespace {

constexpr std::string_view kSignature =
    "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

std::string authorization(std::string_view credential, std::string_view signed_headers,
                          std::string_view signature = kSignature) {
  return "AWS4-HMAC-SHA256 Credential=" + std::string(credential) +
         ", SignedHeaders=" + std::string(signed_headers) + ", Signature=" + std::string(signature);
}

TEST(SigV4Verify, ParsesAnAuthorizationHeader) {
  auto claim = parse_authorization_header(
      authorization("AKIDEXAMPLE/20150830/us-east-1/service/aws4_request", "host;x-amz-date"));
  ASSERT_TRUE(claim) << claim.error().message;
  EXPECT_EQ(claim->location, SignatureLocation::authorization_header);
  EXPECT_EQ(claim->access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(claim->date, "20150830");
  EXPECT_EQ(claim->region, "us-east-1");
  EXPECT_EQ(claim->service, "service");
  EXPECT_EQ(claim->signed_headers, (std::vector<std::string>{"host", "x-amz-date"}));
  EXPECT_EQ(claim->signature, kSignature);
}

TEST(SigV4Verify, AcceptsFieldsWithoutSpacesAfterCommas) {
  auto claim = parse_authorization_header(
      "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/s3/aws4_request,SignedHeaders=host,"
      "Signature=" +
      std::string(kSignature));
  ASSERT_TRUE(claim) << claim.error().message;
  EXPECT_EQ(claim->service, "s3");
}

struct MalformedHeader {
  std::string value;
  std::string complaint;  // part of the error message
};

TEST(SigV4Verify, RejectsMalformedAuthorizationHeadersSayingWhy) {
  const std::string scope = "AKID/20150830/us-east-1/ec2/aws4_request";
  const std::vector<MalformedHeader> cases = {
      {"", "does not start with"},
      {"AWS4-HMAC-SHA256", "does not start with"},
      {"AWS AKID:signature", "does not start with"},
      {authorization("AKID/20150830/us-east-1/ec2", "host"), "Credential"},
      {authorization("AKID/20150830/us-east-1/ec2/aws5_request", "host"), "Credential"},
      {authorization("/20150830/us-east-1/ec2/aws4_request", "host"), "empty part"},
      {authorization("AKID/2015-08-30/us-east-1/ec2/aws4_request", "host"), "yyyymmdd"},
      {authorization(scope, "x-amz-date"), "does not include host"},
      {authorization(scope, "Host;x-amz-date"), "lower-case"},
      {authorization(scope, "host;;x-amz-date"), "lower-case"},
      {authorization(scope, "host", "ABCDEF"), "Signature"},
      {authorization(scope, "host", std::string(64, 'g')), "Signature"},
      {authorization(scope, "host") + ", Extra=1", "unexpected"},
      {"AWS4-HMAC-SHA256 Credential=" + scope + ", Signature=" + std::string(kSignature),
       "no SignedHeaders"},
      {"AWS4-HMAC-SHA256 Credential=" + scope + ", SignedHeaders=host", "no Signature"},
      {"AWS4-HMAC-SHA256 SignedHeaders=host, Signature=" + std::string(kSignature),
       "no Credential"},
  };
  for (const auto& [value, complaint] : cases) {
    auto claim = parse_authorization_header(value);
    ASSERT_FALSE(claim) << value;
    EXPECT_EQ(claim.error().kind, ErrorKind::auth);
    EXPECT_NE(claim.error().message.find(complaint), std::string::npos)
        << value << " -> " << claim.error().message;
  }
}

std::string presigned_query(std::string_view expires = "3600") {
  return "list-type=2&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20150830%2F"
         "us-east-1%2Fs3%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&"
         "X-Amz-Expires=" +
         std::string(expires) +
         "&X-Amz-Security-Token=a%2Bb%2F&X-Amz-Signature=" + std::string(kSignature);
}

TEST(SigV4Verify, ParsesPresignedQueryParameters) {
  auto claim = parse_presigned_query(presigned_query());
  ASSERT_TRUE(claim) << claim.error().message;
  EXPECT_EQ(claim->location, SignatureLocation::query);
  EXPECT_EQ(claim->access_key_id, "AKID");
  EXPECT_EQ(claim->service, "s3");
  EXPECT_EQ(claim->amz_date, "20150830T123600Z");
  EXPECT_EQ(claim->expires, std::chrono::seconds(3600));
  EXPECT_EQ(claim->security_token, "a+b/");
  EXPECT_EQ(claim->signature, kSignature);
}

TEST(SigV4Verify, RejectsMalformedPresignedQueries) {
  auto without = [](std::string query, std::string_view parameter) {
    auto start = query.find(parameter);
    auto end = query.find('&', start);
    return query.erase(start, end == std::string::npos ? std::string::npos : end - start + 1);
  };
  const std::vector<MalformedHeader> cases = {
      {"", "lacks the X-Amz-Algorithm"},
      {without(presigned_query(), "X-Amz-Signature="), "lacks the X-Amz-Signature"},
      {without(presigned_query(), "X-Amz-Date="), "lacks the X-Amz-Date"},
      {presigned_query("0"), "X-Amz-Expires"},
      {presigned_query("604801"), "X-Amz-Expires"},
      {presigned_query("ten"), "X-Amz-Expires"},
      {presigned_query() + "&X-Amz-Date=20150830T123600Z", "more than once"},
      {presigned_query() + "&X-Amz-Foo=%zz", "badly encoded"},
      {"X-Amz-Algorithm=AWS4-HMAC-SHA1&" + without(presigned_query(), "X-Amz-Algorithm="),
       "is not AWS4-HMAC-SHA256"},
  };
  for (const auto& [query, complaint] : cases) {
    auto claim = parse_presigned_query(query);
    ASSERT_FALSE(claim) << query;
    EXPECT_EQ(claim.error().kind, ErrorKind::auth);
    EXPECT_NE(claim.error().message.find(complaint), std::string::npos)
        << query << " -> " << claim.error().message;
  }
}

HttpRequest received_request() {
  HttpRequest request;
  request.url = Url::parse("http://127.0.0.1:4566/").value();
  request.headers = {{"Host", "127.0.0.1:4566"},
                     {"X-Amz-Date", "20150830T123600Z"},
                     {"Authorization", authorization("AKID/20150830/us-east-1/ec2/aws4_request",
                                                     "host;x-amz-date;x-custom")},
                     {"X-Custom", "1"}};
  return request;
}

TEST(SigV4Verify, ClaimNeedsAnXAmzDateMatchingTheScope) {
  auto request = received_request();
  ASSERT_TRUE(read_signature_claim(request));
  set_header(request.headers, "X-Amz-Date", "20150831T000000Z");
  auto mismatch = read_signature_claim(request);
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.error().message.find("does not match"), std::string::npos);
  remove_header(request.headers, "X-Amz-Date");
  EXPECT_FALSE(read_signature_claim(request));
}

TEST(SigV4Verify, UnsignedRequestsHaveNoClaim) {
  HttpRequest request;
  request.url = Url::parse("http://127.0.0.1:4566/?Action=DescribeInstances").value();
  auto claim = read_signature_claim(request);
  ASSERT_FALSE(claim);
  EXPECT_EQ(claim.error().kind, ErrorKind::auth);
}

TEST(SigV4Verify, ASignedHeaderMissingFromTheRequestIsAnError) {
  auto request = received_request();
  auto claim = read_signature_claim(request);
  ASSERT_TRUE(claim);
  remove_header(request.headers, "X-Custom");
  auto expected = expected_signature(request, *claim, "secret", VerifyOptions{});
  ASSERT_FALSE(expected);
  EXPECT_NE(expected.error().message.find("x-custom"), std::string::npos);
}

TEST(SigV4Verify, DeclaredPayloadHashMustMatchTheBody) {
  HttpRequest request;
  request.body = "hello";
  EXPECT_TRUE(declared_payload_hash_matches(request));
  request.headers = {{"X-Amz-Content-SHA256", sha256_hex("hello")}};
  EXPECT_TRUE(declared_payload_hash_matches(request));
  request.headers = {{"X-Amz-Content-SHA256", sha256_hex("other")}};
  EXPECT_FALSE(declared_payload_hash_matches(request));
  request.headers = {{"X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD"}};
  EXPECT_TRUE(declared_payload_hash_matches(request));
  request.headers = {{"X-Amz-Content-SHA256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"}};
  EXPECT_TRUE(declared_payload_hash_matches(request));
}

}  // namespace
}  // namespace spawn::aws
