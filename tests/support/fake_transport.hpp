// A transport for tests: records every request and answers from a queue of
// canned responses (or errors). Plain struct, no mocking framework.
#pragma once

#include <deque>
#include <vector>

#include "aws/transport.hpp"

namespace spawn::testing {

struct FakeTransport final : aws::HttpTransport {
  std::vector<aws::HttpRequest> requests;
  std::deque<Result<aws::HttpResponse>> responses;

  // Queues a response with `status` and `body` (and optional headers).
  void reply(int status, std::string body, aws::Headers headers = {}) {
    responses.push_back(aws::HttpResponse{status, std::move(headers), std::move(body)});
  }
  void fail_with(ErrorKind kind, std::string message) {
    responses.push_back(std::unexpected(Error{kind, std::move(message), std::nullopt}));
  }

  Result<aws::HttpResponse> send(const aws::HttpRequest& request, const aws::Timeouts&) override {
    requests.push_back(request);
    if (responses.empty()) {
      return std::unexpected(Error{ErrorKind::network, "FakeTransport: no response queued", {}});
    }
    auto next = std::move(responses.front());
    responses.pop_front();
    return next;
  }
};

}  // namespace spawn::testing
