// The S3 service over a store and a temporary state folder, for the S3 tests.
// A test reaches it two ways: call() on an ApiRequest built the way the front
// end hands S3 requests over (raw wire path and query), and spawn's own
// S3Client (s3()), whose transport hands every request to the service, so
// spawn's parsers prove they read what localcloud answers.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "aws/client.hpp"
#include "aws/credentials.hpp"
#include "aws/s3.hpp"
#include "aws/transport.hpp"
#include "localcloud/api/service.hpp"
#include "localcloud/auth/credential_store.hpp"
#include "localcloud/server/faults.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud::testing {

inline const SystemTime kStartTime{std::chrono::seconds{1'750'000'000}};  // 2025-06-15T15:06:40Z

// A fresh, empty folder under the test temp dir, named after the running test.
std::filesystem::path fresh_state_dir();

// Whether the harness deletes its state folder when it ends (kept to test a restart).
enum class OnExit { remove_state, keep_state };

class S3Harness {
 public:
  // The service over a store at `store_path` (":memory:" unless a restart is tested).
  explicit S3Harness(std::filesystem::path state_dir,
                     std::string store_path = ":memory:", OnExit on_exit = OnExit::remove_state);
  ~S3Harness();

  // A request as the front end passes it on: `target` is the raw request target
  // ("/bucket/a%20key?tagging"), `region` the credential scope's.
  ApiRequest request(std::string method, std::string_view target, std::string body = {},
                     aws::Headers headers = {}, std::string region = "us-east-1") const;
  ApiOutcome call(const ApiRequest& request);
  // Shorthand for call(request(...)).
  ApiOutcome send(std::string method, std::string_view target, std::string body = {},
                  aws::Headers headers = {});

  // spawn's S3 client, signing for `region`, talking to this service.
  aws::S3Client& s3() { return s3_; }
  aws::S3Client s3_in(std::string region);

  FakeClock& clock() { return clock_; }
  ResourceStore& store() { return *store_; }
  // How many blob files the service keeps on disk.
  std::size_t blob_count() const;

 private:
  struct Loopback final : aws::HttpTransport {
    explicit Loopback(S3Harness& owner) : harness(owner) {}
    Result<aws::HttpResponse> send(const aws::HttpRequest& request, const aws::Timeouts&) override;
    S3Harness& harness;
  };
  aws::ClientDeps client_deps(std::string region);

  std::filesystem::path state_dir_;
  OnExit on_exit_;
  std::unique_ptr<ResourceStore> store_;
  CredentialStore credentials_;
  FakeClock clock_{kStartTime};
  Faults faults_;
  std::unique_ptr<Service> service_;
  Loopback loopback_{*this};
  aws::StaticCredentialsProvider provider_;
  aws::AwsClient client_;
  aws::S3Client s3_{client_};
  std::vector<std::unique_ptr<aws::AwsClient>> regional_clients_;  // behind s3_in()
};

// The outcome's response; fails the test with the error when it is one.
aws::HttpResponse expect_ok(const ApiOutcome& outcome);
// The outcome's error code and status ("NoSuchKey 404"), or "ok" for a response.
std::string error_of(const ApiOutcome& outcome);

// A parsed XML answer; paths are '/'-separated local names below the root.
struct Xml {
  std::unique_ptr<pugi::xml_document> document;
  pugi::xml_node root() const { return document->document_element(); }
  std::string text(std::string_view path) const;
};
Xml parse_xml(const aws::HttpResponse& response);

}  // namespace spawn::localcloud::testing
