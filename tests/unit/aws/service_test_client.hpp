// What the service-client tests share beyond ProtocolTestClient: a reader for the
// AWS CLI requests captured in the shared test data (so a client can be set up
// exactly as the CLI was: same port, same second), and a decoder for
// query-protocol bodies.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocol_test_client.hpp"
#include "raw_request.hpp"
#include "testdata.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::testing {

// The AWS CLI's captured requests, relative to the shared test data folder.
inline constexpr std::string_view kCapturedRequests = "awscli-requests/awscli-2.9.19-debian/";

// A captured AWS CLI request, parsed; the URL's host and port come from its Host header.
inline aws::HttpRequest read_captured_request(const std::filesystem::path& path) {
  auto parsed = parse_raw_request(read_testdata_file(path), "http");
  EXPECT_TRUE(parsed.has_value()) << path << ": " << parsed.error().message;
  return parsed.value_or(aws::HttpRequest{});
}

// A header of a captured request without the space after the colon.
inline std::string captured_header(const aws::HttpRequest& request, std::string_view name) {
  return std::string(trim(request.header(name).value_or("")));
}

// Checks that `sent` is the request the AWS CLI sent: method, target, body and, since the
// client signs with the CLI's endpoint and second, the very same signature.
inline void expect_same_request(const aws::HttpRequest& sent, const aws::HttpRequest& captured) {
  EXPECT_EQ(sent.method, captured.method);
  EXPECT_EQ(sent.url.target(), captured.url.target());
  EXPECT_EQ(sent.body, captured.body);
  EXPECT_EQ(sent.header("Authorization").value_or(""), captured_header(captured, "Authorization"));
}

// The overrides and clock under which our client signs the way the CLI did for `captured`.
inline aws::EndpointOverrides endpoint_of(const aws::HttpRequest& captured) {
  return {"http://" + captured.url.authority(), {}};
}
inline SystemTime time_of(const aws::HttpRequest& captured) {
  auto time = parse_iso8601(captured_header(captured, "X-Amz-Date"));
  EXPECT_TRUE(time.has_value());
  return time.value_or(kTestTime);
}

using FormParams = std::vector<std::pair<std::string, std::string>>;

// The decoded "key=value" pairs of a form-encoded body, in order.
inline FormParams form_params(std::string_view body) {
  FormParams params;
  for (const std::string& field : split(body, '&')) {
    auto equals = field.find('=');
    auto key = percent_decode(field.substr(0, equals), PlusMeans::space);
    auto value = percent_decode(equals == std::string::npos ? "" : field.substr(equals + 1),
                                PlusMeans::space);
    EXPECT_TRUE(key && value) << field;
    params.emplace_back(key.value_or(""), value.value_or(""));
  }
  return params;
}

}  // namespace spawn::testing
