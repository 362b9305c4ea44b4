// Requests signed the way clients sign them, for tests of the API front end.
#pragma once

#include <string>
#include <string_view>

#include "aws/http.hpp"
#include "aws/sigv4.hpp"
#include "localcloud/auth/credential_store.hpp"

namespace spawn::localcloud::testing_support {

inline aws::Credentials default_credentials() {
  return aws::Credentials{std::string(kDefaultAccessKeyId), std::string(kDefaultSecretAccessKey),
                          "", std::nullopt, "test"};
}

// A form-encoded query-protocol POST (EC2, IAM, STS) to 127.0.0.1:4566.
inline aws::HttpRequest query_request(std::string body) {
  aws::HttpRequest request;
  request.method = "POST";
  request.url = aws::Url{"http", "127.0.0.1", 4566, "/", ""};
  request.headers = {{"Host", "127.0.0.1:4566"},
                     {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body = std::move(body);
  return request;
}

// A JSON 1.1 POST with X-Amz-Target (SSM).
inline aws::HttpRequest json_request(std::string target, std::string body) {
  aws::HttpRequest request = query_request(std::move(body));
  aws::set_header(request.headers, "Content-Type", "application/x-amz-json-1.1");
  request.headers.emplace_back("X-Amz-Target", std::move(target));
  return request;
}

inline aws::HttpRequest signed_request(
    aws::HttpRequest request, std::string_view service, std::string_view region, SystemTime time,
    const aws::Credentials& credentials = default_credentials()) {
  (void)aws::sign_request(request, credentials,
                          aws::SigningScope{std::string(service), std::string(region), time});
  return request;
}

}  // namespace spawn::localcloud::testing_support
