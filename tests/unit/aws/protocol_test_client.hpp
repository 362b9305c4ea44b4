// An AwsClient wired to a FakeTransport for the protocol tests: static
// credentials, a fake clock, one attempt, and every service pointed at
// http://127.0.0.1:1 (never contacted; the fake answers).
#pragma once

#include <gtest/gtest.h>

#include <chrono>

#include "aws/client.hpp"
#include "aws/credentials.hpp"
#include "fake_transport.hpp"

namespace spawn::testing {

struct ProtocolTestClient {
  FakeTransport transport;
  aws::StaticCredentialsProvider credentials{
      aws::Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", {}, "test"}};
  FakeClock clock{SystemTime{std::chrono::seconds{1'700'000'000}}};
  aws::AwsClient client{aws::ClientDeps{
      .transport = transport,
      .credentials = credentials,
      .clock = clock,
      .endpoints = aws::EndpointResolver(aws::EndpointOverrides{"http://127.0.0.1:1", {}}),
      .region = "us-east-1",
      .retry = aws::RetryConfig{.max_attempts = 1},
      .timeouts = {},
      .observer = nullptr,
      .jitter = [] { return 0.0; },
  }};

  // The one request the client sent; fails the test when there is not exactly one.
  const aws::HttpRequest& only_request() const {
    EXPECT_EQ(transport.requests.size(), 1u);
    return transport.requests.front();
  }
};

}  // namespace spawn::testing
