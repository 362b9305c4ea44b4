#include "s3_harness.hpp"

#include <atomic>

#include "aws/xml.hpp"
#include "localcloud/api/responses.hpp"
#include "localcloud/services/s3/s3_service.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud::testing {

namespace {

constexpr std::string_view kEndpoint = "http://127.0.0.1:4566";

std::unique_ptr<ResourceStore> open_store(const std::string& path) {
  auto store = ResourceStore::open(path);
  EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
  return store ? std::move(*store) : nullptr;
}

std::string next_request_id() {
  static std::atomic<int> counter{0};
  return "req-" + std::to_string(++counter);
}

aws::Credentials test_credentials() {
  return aws::Credentials{std::string(kDefaultAccessKeyId), std::string(kDefaultSecretAccessKey),
                          "", std::nullopt, "test"};
}

// The region of the request's credential scope, as the front end reads it.
std::string signing_region(const aws::HttpRequest& request) {
  std::string_view authorization = request.header("Authorization").value_or("");
  std::size_t credential = authorization.find("Credential=");
  if (credential == std::string_view::npos)
    return "us-east-1";
  auto scope = split(authorization.substr(credential), '/');
  return scope.size() > 2 ? scope[2] : "us-east-1";
}

}  // namespace

std::filesystem::path fresh_state_dir() {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  auto dir = std::filesystem::path(::testing::TempDir()) /
             (std::string("s3-") + test->test_suite_name() + "-" + test->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

S3Harness::S3Harness(std::filesystem::path state_dir, std::string store_path, OnExit on_exit)
    : state_dir_(std::move(state_dir)),
      on_exit_(on_exit),
      store_(open_store(store_path)),
      credentials_(*store_),
      provider_(test_credentials()),
      client_(client_deps("us-east-1")) {
  service_ = make_s3_service(ServiceDeps{*store_, credentials_, clock_, faults_, nullptr,
                                         state_dir_, std::string(kEndpoint)});
}

S3Harness::~S3Harness() {
  service_.reset();
  std::error_code ignored;
  if (on_exit_ == OnExit::remove_state)
    std::filesystem::remove_all(state_dir_, ignored);
}

aws::ClientDeps S3Harness::client_deps(std::string region) {
  return aws::ClientDeps{
      .transport = loopback_,
      .credentials = provider_,
      .clock = clock_,
      .endpoints = aws::EndpointResolver(aws::EndpointOverrides{std::string(kEndpoint), {}}),
      .region = std::move(region),
      .retry = aws::RetryConfig{.max_attempts = 1},
      .timeouts = {},
      .observer = nullptr,
      .jitter = [] { return 0.0; },
  };
}

aws::S3Client S3Harness::s3_in(std::string region) {
  regional_clients_.push_back(std::make_unique<aws::AwsClient>(client_deps(std::move(region))));
  return aws::S3Client(*regional_clients_.back());
}

ApiRequest S3Harness::request(std::string method, std::string_view target, std::string body,
                              aws::Headers headers, std::string region) const {
  ApiRequest request;
  request.http.method = std::move(method);
  request.http.url = aws::Url{"http", "127.0.0.1", 4566, std::string(target), ""};
  if (auto question = target.find('?'); question != std::string_view::npos) {
    request.http.url.path = std::string(target.substr(0, question));
    request.http.url.query = std::string(target.substr(question + 1));
  }
  request.http.headers = std::move(headers);
  request.http.body = std::move(body);
  request.service = "s3";
  request.region = std::move(region);
  request.access_key_id = std::string(kDefaultAccessKeyId);
  request.account_id = std::string(kAccountId);
  request.request_id = next_request_id();
  request.time = clock_.now();
  return request;
}

ApiOutcome S3Harness::call(const ApiRequest& request) {
  return service_->handle(request);
}

ApiOutcome S3Harness::send(std::string method, std::string_view target, std::string body,
                           aws::Headers headers) {
  return call(request(std::move(method), target, std::move(body), std::move(headers)));
}

Result<aws::HttpResponse> S3Harness::Loopback::send(const aws::HttpRequest& http,
                                                    const aws::Timeouts&) {
  ApiRequest request = harness.request(http.method, http.url.target(), http.body, http.headers,
                                       signing_region(http));
  ApiOutcome outcome = harness.call(request);
  if (outcome)
    return std::move(*outcome);
  return render_error(harness.service_->error_shape(), outcome.error(), request.request_id);
}

std::size_t S3Harness::blob_count() const {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(state_dir_ / "s3" / "blobs")) {
    (void)entry;
    ++count;
  }
  return count;
}

aws::HttpResponse expect_ok(const ApiOutcome& outcome) {
  EXPECT_TRUE(outcome.has_value())
      << (outcome ? "" : outcome.error().code + ": " + outcome.error().message);
  return outcome ? *outcome : aws::HttpResponse{};
}

std::string error_of(const ApiOutcome& outcome) {
  if (outcome)
    return "ok";
  return outcome.error().code + " " + std::to_string(outcome.error().status);
}

std::string Xml::text(std::string_view path) const {
  return aws::xml::text(root(), path);
}

Xml parse_xml(const aws::HttpResponse& response) {
  auto document = aws::xml::parse(response.body, "S3 answer");
  EXPECT_TRUE(document.has_value()) << response.body;
  if (!document)
    return Xml{std::make_unique<pugi::xml_document>()};
  return Xml{std::move(*document)};
}

}  // namespace spawn::localcloud::testing
