// An AwsClient wired to a FakeTransport for the protocol and service tests: static
// credentials, a fake clock, one attempt, and by default every service pointed at
// http://127.0.0.1:1 (never contacted; the fake answers). Tests that replay a captured
// AWS CLI request choose its endpoint, region and time instead.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "aws/client.hpp"
#include "aws/credentials.hpp"
#include "fake_transport.hpp"

namespace spawn::testing {

inline const SystemTime kTestTime{std::chrono::seconds{1'700'000'000}};

struct ProtocolTestClient {
  explicit ProtocolTestClient(aws::EndpointOverrides overrides = {"http://127.0.0.1:1", {}},
                              std::string region = "us-east-1", SystemTime now = kTestTime)
      : clock(now),
        client(aws::ClientDeps{
            .transport = transport,
            .credentials = credentials,
            .clock = clock,
            .endpoints = aws::EndpointResolver(std::move(overrides)),
            .region = std::move(region),
            .retry = aws::RetryConfig{.max_attempts = 1},
            .timeouts = {},
            .observer = nullptr,
            .jitter = [] { return 0.0; },
        }) {}

  // A client without endpoint overrides: requests go to the real AWS host names.
  static aws::EndpointOverrides standard_endpoints() { return {}; }

  // The one request the client sent; fails the test when there is not exactly one.
  const aws::HttpRequest& only_request() const {
    EXPECT_EQ(transport.requests.size(), 1u);
    return transport.requests.front();
  }

  FakeTransport transport;
  aws::StaticCredentialsProvider credentials{
      aws::Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "", {}, "test"}};
  FakeClock clock;
  aws::AwsClient client;
};

}  // namespace spawn::testing
