#include "service_harness.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "aws/xml.hpp"
#include "localcloud/auth/request_auth.hpp"
#include "testdata.hpp"
#include "util/encoding.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud::testing {
namespace {

std::unique_ptr<ResourceStore> open_memory_store() {
  auto store = ResourceStore::open(":memory:");
  EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
  return store ? std::move(*store) : nullptr;
}

std::string next_request_id() {
  static std::atomic<int> counter{0};
  return "req-" + std::to_string(++counter);
}

// The operation a received request names: its X-Amz-Target's suffix or its Action.
std::string operation_of(const aws::HttpRequest& request, const FormParams& params) {
  if (auto target = request.header("X-Amz-Target"))
    return std::string(target->substr(target->rfind('.') + 1));
  return params.get_or("Action", "");
}

}  // namespace

SpawnClient::SpawnClient(aws::HttpTransport& transport, Clock& clock, aws::Credentials credentials)
    : provider(std::move(credentials)),
      client(aws::ClientDeps{
          .transport = transport,
          .credentials = provider,
          .clock = clock,
          .endpoints = aws::EndpointResolver(aws::EndpointOverrides{"http://127.0.0.1:1", {}}),
          .region = "us-east-1",
          .retry = aws::RetryConfig{.max_attempts = 1},
          .timeouts = {},
          .observer = nullptr,
          .jitter = [] { return 0.0; },
      }) {}

ServiceHarness::ServiceHarness(ServiceFactory make_service)
    : store_(open_memory_store()), credentials_(*store_) {
  credentials_.add_long_term(std::string(kAccessKeyId), std::string(kSecretAccessKey));
  service_ = make_service(deps());
  default_client_ = client_with(
      aws::Credentials{std::string(kAccessKeyId), std::string(kSecretAccessKey), "", {}, "test"});
}

ServiceDeps ServiceHarness::deps() {
  return ServiceDeps{
      *store_, credentials_, clock_, faults_, nullptr, ::testing::TempDir(), "http://127.0.0.1:1"};
}

ApiRequest ServiceHarness::query_request(std::string_view body, std::string_view region) const {
  ApiRequest request;
  request.http.method = "POST";
  request.http.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.http.body = std::string(body);
  request.service = std::string(service_->signing_name());
  request.region = std::string(region);
  request.access_key_id = std::string(kAccessKeyId);
  request.account_id = std::string(kAccountId);
  request.request_id = next_request_id();
  request.time = clock_.now();
  auto params = FormParams::parse(body);
  EXPECT_TRUE(params.has_value()) << body;
  request.params = params.value_or(FormParams{});
  request.operation = request.params.get_or("Action", "");
  return request;
}

ApiRequest ServiceHarness::json_request(std::string_view operation, std::string_view body,
                                        std::string_view region) const {
  ApiRequest request = query_request("", region);
  request.http.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                          {"X-Amz-Target", "AmazonSSM." + std::string(operation)}};
  request.http.body = std::string(body);
  request.operation = std::string(operation);
  return request;
}

XmlAnswer ServiceHarness::call(std::string_view action, const QueryParams& params,
                               std::string_view region) {
  return parse_xml(answer(query_request(form_body(action, params), region)));
}

JsonAnswer ServiceHarness::call_json(std::string_view operation, const nlohmann::json& body,
                                     std::string_view region) {
  return parse_json(answer(json_request(operation, body.dump(), region)));
}

aws::HttpResponse ServiceHarness::answer(const ApiRequest& request) {
  auto outcome = service_->handle(request);
  if (outcome)
    return std::move(*outcome);
  return render_error(service_->error_shape(), outcome.error(), request.request_id);
}

aws::HttpResponse ServiceHarness::serve(const aws::HttpRequest& received) {
  std::string request_id = next_request_id();
  auto authenticated = authenticate(received, credentials_, clock_.now());
  if (!authenticated) {
    return render_error(service_->error_shape(),
                        auth_error(service_->signing_name(), authenticated.error()), request_id);
  }
  ApiRequest request;
  request.http = received;
  request.service = authenticated->claim.service;
  request.region = authenticated->claim.region;
  request.access_key_id = authenticated->key.access_key_id;
  request.account_id = std::string(kAccountId);
  request.request_id = request_id;
  request.time = clock_.now();
  if (!received.header("X-Amz-Target")) {
    auto params = FormParams::parse(received.body);
    if (!params)
      return render_error(service_->error_shape(), client_error("MalformedInput", ""), request_id);
    request.params = std::move(*params);
  }
  request.operation = operation_of(received, request.params);
  return answer(request);
}

std::unique_ptr<SpawnClient> ServiceHarness::client_with(aws::Credentials credentials) {
  return std::make_unique<SpawnClient>(loopback_, clock_, std::move(credentials));
}

std::string form_body(std::string_view action, const QueryParams& params) {
  std::string body = "Action=" + std::string(action);
  for (const auto& [name, value] : params)
    body += "&" + form_encode(name) + "=" + form_encode(value);
  return body;
}

aws::HttpRequest read_captured_request(const std::filesystem::path& path) {
  std::string text = spawn::testing::read_testdata_file(path);
  std::string_view separator = text.find("\r\n\r\n") != std::string::npos ? "\r\n\r\n" : "\n\n";
  std::size_t blank = text.find(separator);
  std::string head = text.substr(0, blank);
  aws::HttpRequest request;
  request.body = blank == std::string::npos ? "" : text.substr(blank + separator.size());
  std::vector<std::string> lines = split(head, '\n');
  for (std::string& line : lines) {
    if (line.ends_with('\r'))
      line.pop_back();
  }
  std::vector<std::string> request_line = split(lines.front(), ' ');
  EXPECT_EQ(request_line.size(), 3u) << path;
  request.method = request_line.at(0);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::size_t colon = lines[i].find(':');
    request.headers.emplace_back(lines[i].substr(0, colon),
                                 std::string(trim(lines[i].substr(colon + 1))));
  }
  auto url = aws::Url::parse("http://" + std::string(request.header("Host").value_or("")) +
                             request_line.at(1));
  EXPECT_TRUE(url.has_value()) << path;
  request.url = url.value_or(aws::Url{});
  return request;
}

SystemTime signing_time_of(const aws::HttpRequest& request) {
  auto time = parse_iso8601(request.header("X-Amz-Date").value_or(""));
  EXPECT_TRUE(time.has_value());
  return time.value_or(kStartTime);
}

pugi::xml_node XmlAnswer::at(std::string_view path) const {
  return aws::xml::child(document->document_element(), path);
}

std::string XmlAnswer::text(std::string_view path) const {
  return aws::xml::text(document->document_element(), path);
}

std::vector<std::string> XmlAnswer::members(std::string_view path, std::string_view field) const {
  std::vector<std::string> texts;
  for (pugi::xml_node member : aws::xml::list(document->document_element(), path))
    texts.push_back(field.empty() ? member.text().get() : aws::xml::text(member, field));
  return texts;
}

std::string XmlAnswer::root_name() const {
  return std::string(aws::xml::local_name(document->document_element()));
}

XmlAnswer parse_xml(const aws::HttpResponse& response) {
  auto document = aws::xml::parse(response.body, "localcloud answer");
  EXPECT_TRUE(document.has_value()) << response.body;
  return XmlAnswer{response.status,
                   document ? std::move(*document) : std::make_unique<pugi::xml_document>()};
}

void expect_query_error(const XmlAnswer& answer, int status, std::string_view code) {
  EXPECT_EQ(answer.status, status);
  EXPECT_EQ(answer.root_name(), "ErrorResponse");
  EXPECT_EQ(answer.text("Error/Code"), code);
  EXPECT_EQ(answer.text("Error/Type"), status >= 500 ? "Receiver" : "Sender");
  EXPECT_FALSE(answer.text("Error/Message").empty());
  EXPECT_FALSE(answer.text("RequestId").empty());
}

JsonAnswer parse_json(const aws::HttpResponse& response) {
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  EXPECT_FALSE(body.is_discarded()) << response.body;
  return JsonAnswer{response.status, body};
}

}  // namespace spawn::localcloud::testing
