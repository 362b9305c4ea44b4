#include "aws/error_parse.hpp"

#include <gtest/gtest.h>

#include <string>

namespace spawn::aws {
namespace {

HttpResponse response(int status, std::string body, Headers headers = {}) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}

TEST(ParseErrorResponse, ReadsEc2ErrorsList) {
  auto error = parse_error_response(
      Protocol::ec2, response(400,
                              "<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code>"
                              "<Message>The instance ID 'i-1' does not exist</Message></Error>"
                              "</Errors><RequestID>req-1</RequestID></Response>"));
  EXPECT_EQ(error.code, "InvalidInstanceID.NotFound");
  EXPECT_EQ(error.message, "The instance ID 'i-1' does not exist");
  EXPECT_EQ(error.request_id, "req-1");
  EXPECT_EQ(error.http_status, 400);
}

TEST(ParseErrorResponse, ReadsQueryErrorResponseWithNamespace) {
  auto error = parse_error_response(
      Protocol::query,
      response(404,
               "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error>"
               "<Type>Sender</Type><Code>NoSuchEntity</Code><Message>Role x not found</Message>"
               "</Error><RequestId>req-2</RequestId></ErrorResponse>"));
  EXPECT_EQ(error.code, "NoSuchEntity");
  EXPECT_EQ(error.message, "Role x not found");
  EXPECT_EQ(error.request_id, "req-2");
}

TEST(ParseErrorResponse, ReadsPrefixedElementNames) {
  auto error = parse_error_response(
      Protocol::query,
      response(400,
               "<a:ErrorResponse xmlns:a=\"urn:x\"><a:Error><a:Code>Throttling</a:Code>"
               "<a:Message>Rate exceeded</a:Message></a:Error></a:ErrorResponse>"));
  EXPECT_EQ(error.code, "Throttling");
  EXPECT_EQ(error.message, "Rate exceeded");
}

TEST(ParseErrorResponse, ReadsS3ErrorWithRequestIdInside) {
  auto error = parse_error_response(
      Protocol::rest_xml, response(403,
                                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                                   "AccessDenied</Code><Message>Access Denied</Message>"
                                   "<RequestId>9C7D</RequestId><HostId>abc=</HostId></Error>"));
  EXPECT_EQ(error.code, "AccessDenied");
  EXPECT_EQ(error.message, "Access Denied");
  EXPECT_EQ(error.request_id, "9C7D");
}

TEST(ParseErrorResponse, TrimsWhitespaceAroundMessages) {
  auto error = parse_error_response(
      Protocol::ec2, response(400,
                              "<Response><Errors><Error><Code>IdempotentParameterMismatch</Code>"
                              "<Message>\n    Arguments are inconsistent.\n  </Message></Error>"
                              "</Errors></Response>"));
  EXPECT_EQ(error.message, "Arguments are inconsistent.");
}

TEST(ParseErrorResponse, NamesBodilessS3AnswersFromTheStatus) {
  EXPECT_EQ(parse_error_response(Protocol::rest_xml, response(404, "")).code, "NotFound");
  EXPECT_EQ(parse_error_response(Protocol::rest_xml, response(403, "")).code, "Forbidden");
  EXPECT_EQ(parse_error_response(Protocol::rest_xml, response(301, "")).code, "PermanentRedirect");
  EXPECT_EQ(parse_error_response(Protocol::rest_xml, response(404, "")).message, "Not Found");
}

TEST(ParseErrorResponse, TakesRequestIdFromS3Header) {
  auto error =
      parse_error_response(Protocol::rest_xml, response(404, "", {{"x-amz-request-id", "R1"}}));
  EXPECT_EQ(error.request_id, "R1");
}

TEST(ParseErrorResponse, StripsNamespaceFromJsonType) {
  auto error = parse_error_response(
      Protocol::json,
      response(400,
               R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
               R"("message":"Requested resource not found"})",
               {{"x-amzn-RequestId", "LDM6"}}));
  EXPECT_EQ(error.code, "ResourceNotFoundException");
  EXPECT_EQ(error.message, "Requested resource not found");
  EXPECT_EQ(error.request_id, "LDM6");
}

TEST(ParseErrorResponse, PrefersErrorTypeHeaderAndStripsItsUri) {
  auto error = parse_error_response(
      Protocol::rest_json,
      response(400, R"({"__type":"Other","Message":"Bad schedule"})",
               {{"X-Amzn-Errortype", "ns#ValidationException:http://internal.amazon.com/x/"}}));
  EXPECT_EQ(error.code, "ValidationException");
  EXPECT_EQ(error.message, "Bad schedule");
}

TEST(ParseErrorResponse, FallsBackToJsonCodeField) {
  auto error = parse_error_response(Protocol::json, response(500, R"({"code":"a.b#FooError"})"));
  EXPECT_EQ(error.code, "FooError");
  EXPECT_EQ(error.message, "");
}

TEST(ParseErrorResponse, ReadsTheOtherShapeWhenTheBodyDisagreesWithTheProtocol) {
  auto json_for_xml = parse_error_response(
      Protocol::ec2, response(403, R"({"__type":"AccessDeniedException","message":"no"})"));
  EXPECT_EQ(json_for_xml.code, "AccessDeniedException");
  auto xml_for_json = parse_error_response(
      Protocol::json,
      response(400, "<Response><Errors><Error><Code>Oops</Code></Error></Errors></Response>"));
  EXPECT_EQ(xml_for_json.code, "Oops");
}

TEST(ParseErrorResponse, DescribesAnHtmlPageFromAProxy) {
  auto error = parse_error_response(
      Protocol::ec2,
      response(502,
               "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
               "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"));
  EXPECT_EQ(error.code, "HTTP502");
  EXPECT_EQ(error.message, "502 Bad Gateway 502 Bad Gateway");
  EXPECT_EQ(error.http_status, 502);
}

TEST(ParseErrorResponse, DescribesAnEmptyAnswerByItsStatus) {
  auto error = parse_error_response(Protocol::json, response(503, ""));
  EXPECT_EQ(error.code, "HTTP503");
  EXPECT_EQ(error.message, "Service Unavailable");
  EXPECT_EQ(parse_error_response(Protocol::ec2, response(599, "  ")).message, "HTTP status 599");
}

TEST(ParseErrorResponse, DescribesTruncatedXmlFromItsText) {
  auto error = parse_error_response(
      Protocol::ec2,
      response(400, "<Response><Errors><Error><Code>InvalidAMIID.NotFound</Code><Mess"));
  EXPECT_EQ(error.code, "HTTP400");
  EXPECT_EQ(error.message, "InvalidAMIID.NotFound");
}

TEST(ParseErrorResponse, KeepsOnlyPrintableTextOfBinaryBodies) {
  std::string body = "\x01\x02 oops\xff\xfe\n\tfailed \xC3\xA9t\xC3\xA9";
  auto error = parse_error_response(Protocol::query, response(500, body));
  EXPECT_EQ(error.message, "oops failed \xC3\xA9t\xC3\xA9");
}

TEST(ParseErrorResponse, CutsLongBodiesWithoutSplittingCharacters) {
  std::string body(199, 'x');
  body += "\xC3\xA9 and more text that does not fit";
  auto error = parse_error_response(Protocol::rest_json, response(500, body));
  EXPECT_EQ(error.message, std::string(199, 'x'));
}

TEST(ErrorKindFor, MapsCodesToKinds) {
  struct Case {
    const char* code;
    ErrorKind kind;
  };
  const Case cases[] = {
      {"AuthFailure", ErrorKind::auth},
      {"UnauthorizedOperation", ErrorKind::auth},
      {"AccessDenied", ErrorKind::auth},
      {"AccessDeniedException", ErrorKind::auth},
      {"InvalidClientTokenId", ErrorKind::auth},
      {"SignatureDoesNotMatch", ErrorKind::auth},
      {"IncompleteSignature", ErrorKind::auth},
      {"ExpiredToken", ErrorKind::auth},
      {"ExpiredTokenException", ErrorKind::auth},
      {"InvalidToken", ErrorKind::auth},
      {"UnrecognizedClientException", ErrorKind::auth},
      {"RequestExpired", ErrorKind::auth},
      {"InvalidInstanceID.NotFound", ErrorKind::not_found},
      {"ParameterNotFound", ErrorKind::not_found},
      {"NotFound", ErrorKind::not_found},
      {"NoSuchEntity", ErrorKind::not_found},
      {"NoSuchKey", ErrorKind::not_found},
      {"NoSuchBucket", ErrorKind::not_found},
      {"ResourceNotFoundException", ErrorKind::not_found},
      {"InvalidGroup.Duplicate", ErrorKind::conflict},
      {"EntityAlreadyExists", ErrorKind::conflict},
      {"ParameterAlreadyExists", ErrorKind::conflict},
      {"BucketAlreadyExists", ErrorKind::conflict},
      {"BucketAlreadyOwnedByYou", ErrorKind::conflict},
      {"DependencyViolation", ErrorKind::conflict},
      {"IncorrectInstanceState", ErrorKind::conflict},
      {"IncorrectState", ErrorKind::conflict},
      {"IdempotentParameterMismatch", ErrorKind::conflict},
      {"InvalidParameterValue", ErrorKind::usage},
      {"InvalidParameterCombination", ErrorKind::usage},
      {"InvalidParameter", ErrorKind::usage},
      {"ValidationError", ErrorKind::usage},
      {"ValidationException", ErrorKind::usage},
      {"MissingParameter", ErrorKind::usage},
      {"InsufficientInstanceCapacity", ErrorKind::aws},
      {"RequestLimitExceeded", ErrorKind::aws},
      {"InvalidInstanceID.Malformed", ErrorKind::aws},
      {"HTTP502", ErrorKind::aws},
      {"", ErrorKind::aws},
  };
  for (const Case& c : cases) {
    AwsError error;
    error.code = c.code;
    EXPECT_EQ(error_kind_for(error), c.kind) << c.code;
  }
}

}  // namespace
}  // namespace spawn::aws
