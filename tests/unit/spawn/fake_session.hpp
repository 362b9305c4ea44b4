// A Session for in-process command tests: a real AwsClient over a FakeTransport, with
// fixed credentials and a fake clock, so commands run end to end without a network.
#pragma once

#include <chrono>
#include <string>

#include "aws/session.hpp"
#include "fake_transport.hpp"

namespace spawn::testing {

struct FakeSession final : aws::Session {
  explicit FakeSession(std::string session_region = "us-east-1")
      : region_(std::move(session_region)),
        credentials_(aws::Credentials{"AKIDEXAMPLE", "secret", "", std::nullopt, "test"}),
        clock_(SystemTime(std::chrono::seconds(1'767'225'600))),
        client_(deps(region_)) {}

  const std::string& region() const override { return region_; }
  aws::AwsClient& client() override { return client_; }
  aws::AwsClient client_for(std::string_view other_region) override {
    return aws::AwsClient(deps(std::string(other_region)));
  }
  aws::CredentialsProvider& credentials() override { return credentials_; }
  aws::HttpTransport& transport() override { return fake_transport; }

  FakeTransport fake_transport;

 private:
  aws::ClientDeps deps(std::string for_region) {
    return aws::ClientDeps{fake_transport,        credentials_, clock_, aws::EndpointResolver(),
                           std::move(for_region), {},           {},     nullptr,
                           [] { return 0.0; }};
  }

  std::string region_;
  aws::StaticCredentialsProvider credentials_;
  FakeClock clock_;
  aws::AwsClient client_;
};

}  // namespace spawn::testing
