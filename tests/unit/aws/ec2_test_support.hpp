// Helpers shared by the EC2 client tests: an Ec2Client over the protocol test
// client (FakeTransport, static credentials, fake clock), reading what it sent
// as form pairs, and wrapping canned answers in an EC2 response element.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "aws/ec2.hpp"
#include "protocol_test_client.hpp"
#include "testdata.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::testing {

struct Ec2TestClient : ProtocolTestClient {
  aws::Ec2Client ec2{client};

  // Queues a 200 answer <ActionResponse> holding `inner` after a request id.
  void answer(std::string_view action, std::string_view inner) {
    transport.reply(200, std::string("<") + std::string(action) +
                             "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                             "<requestId>req-1</requestId>" +
                             std::string(inner) + "</" + std::string(action) + "Response>");
  }
  // Queues an EC2 error answer.
  void answer_error(int status, std::string_view code, std::string_view message) {
    transport.reply(status, std::string("<Response><Errors><Error><Code>") + std::string(code) +
                                "</Code><Message>" + std::string(message) +
                                "</Message></Error></Errors><RequestID>req-err</RequestID>"
                                "</Response>");
  }
};

// The "key=value" pairs of a form body exactly as encoded, sorted (order is not significant).
inline std::vector<std::string> sorted_pairs(std::string_view body) {
  std::vector<std::string> pairs = split(body, '&');
  std::ranges::sort(pairs);
  return pairs;
}

// A form body decoded into key -> value.
inline std::map<std::string, std::string> decoded_params(std::string_view body) {
  std::map<std::string, std::string> params;
  for (const std::string& pair : split(body, '&')) {
    auto equals = pair.find('=');
    auto key = percent_decode(pair.substr(0, equals), PlusMeans::space);
    auto value = percent_decode(pair.substr(equals + 1), PlusMeans::space);
    EXPECT_TRUE(key && value) << "undecodable pair " << pair;
    if (key && value)
      params[*key] = *value;
  }
  return params;
}

// The body of a captured raw HTTP request (everything after the blank line).
inline std::string captured_body(const std::filesystem::path& http_file) {
  std::string raw = read_testdata_file(http_file);
  auto blank = raw.find("\r\n\r\n");
  EXPECT_NE(blank, std::string::npos) << http_file;
  return blank == std::string::npos ? "" : raw.substr(blank + 4);
}

}  // namespace spawn::testing
