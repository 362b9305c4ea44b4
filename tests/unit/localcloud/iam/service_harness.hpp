// One localcloud service over an in-memory store, for the STS, IAM and SSM
// tests. A test reaches it three ways: answer() on an ApiRequest built as the
// front end routes one, serve() on a raw HTTP request as the server receives
// it (SigV4 checked against the credential store, then routed, errors rendered
// in the service's shape), and through spawn's own AwsClient (client()), whose
// transport hands every request to serve() — so the typed clients in src/aws/
// prove they can read what localcloud answers.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/client.hpp"
#include "aws/credentials.hpp"
#include "aws/transport.hpp"
#include "localcloud/api/service.hpp"
#include "localcloud/auth/credential_store.hpp"
#include "localcloud/server/faults.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud::testing {

// The key pair of the captured AWS CLI requests; every harness accepts it.
inline constexpr std::string_view kAccessKeyId = "AKIDEXAMPLE";
inline constexpr std::string_view kSecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
inline const SystemTime kStartTime{std::chrono::seconds{1'750'000'000}};

using ServiceFactory = std::unique_ptr<Service> (*)(const ServiceDeps&);
// Query parameters by wire name, in the order sent.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

// An XML answer, parsed; fails the test when the body is not XML.
struct XmlAnswer {
  int status = 0;
  std::unique_ptr<pugi::xml_document> document;
  // The element at `path` below the root ("GetRoleResult/Role/RoleName").
  pugi::xml_node at(std::string_view path) const;
  // The text of the element at `path`.
  std::string text(std::string_view path) const;
  // The texts of the <member>s of the list at `path` ("ListRolePoliciesResult/PolicyNames").
  std::vector<std::string> members(std::string_view path, std::string_view field = "") const;
  // The root element's local name ("GetRoleResponse", "ErrorResponse").
  std::string root_name() const;
};
XmlAnswer parse_xml(const aws::HttpResponse& response);

// Checks that `answer` is a query-protocol error: <ErrorResponse> with `code`, Type Sender
// (Receiver for 5xx) and `status`.
void expect_query_error(const XmlAnswer& answer, int status, std::string_view code);

// A JSON answer, parsed; fails the test when the body is not JSON.
struct JsonAnswer {
  int status = 0;
  nlohmann::json body;
};
JsonAnswer parse_json(const aws::HttpResponse& response);

// spawn's AwsClient signing with `credentials`, sending through `transport`.
struct SpawnClient {
  SpawnClient(aws::HttpTransport& transport, Clock& clock, aws::Credentials credentials);
  aws::StaticCredentialsProvider provider;
  aws::AwsClient client;
};

class ServiceHarness {
 public:
  explicit ServiceHarness(ServiceFactory make_service);

  ResourceStore& store() { return *store_; }
  CredentialStore& credentials() { return credentials_; }
  FakeClock& clock() { return clock_; }
  Service& service() { return *service_; }
  // What the service was built from, to build another one beside it (STS needs IAM's roles).
  ServiceDeps deps();

  // A routed query-protocol request for the form `body` ("Action=GetRole&RoleName=x").
  ApiRequest query_request(std::string_view body, std::string_view region = "us-east-1") const;
  // A routed JSON-protocol request for `operation` with `body`.
  ApiRequest json_request(std::string_view operation, std::string_view body,
                          std::string_view region = "us-east-1") const;

  // `action` with `params` as a query-protocol request in `region`, answered and parsed.
  XmlAnswer call(std::string_view action, const QueryParams& params = {},
                 std::string_view region = "us-east-1");
  // JSON-protocol `operation` with `body` in `region`, answered and parsed.
  JsonAnswer call_json(std::string_view operation, const nlohmann::json& body,
                       std::string_view region = "us-east-1");

  // The service's answer to `request`, errors rendered as the front end renders them.
  aws::HttpResponse answer(const ApiRequest& request);
  // The answer to a received HTTP request: authenticated, routed, answered.
  aws::HttpResponse serve(const aws::HttpRequest& request);

  // spawn's client with the test key.
  aws::AwsClient& client() { return default_client_->client; }
  // spawn's client with other credentials (temporary ones from AssumeRole).
  std::unique_ptr<SpawnClient> client_with(aws::Credentials credentials);

 private:
  struct Loopback final : aws::HttpTransport {
    explicit Loopback(ServiceHarness& harness) : owner_(harness) {}
    Result<aws::HttpResponse> send(const aws::HttpRequest& request, const aws::Timeouts&) override {
      return owner_.serve(request);
    }
    ServiceHarness& owner_;
  };

  std::unique_ptr<ResourceStore> store_;
  CredentialStore credentials_;
  FakeClock clock_{kStartTime};
  Faults faults_;
  std::unique_ptr<Service> service_;
  Loopback loopback_{*this};
  std::unique_ptr<SpawnClient> default_client_;
};

// "Action=<action>&<name>=<value>…", form-encoded as botocore sends it.
std::string form_body(std::string_view action, const QueryParams& params);

// A captured AWS CLI request ("METHOD target HTTP/1.1", headers, blank line, body) read
// from the shared test data; fails the test when it cannot be read.
aws::HttpRequest read_captured_request(const std::filesystem::path& path);
// The time a captured request was signed (its X-Amz-Date).
SystemTime signing_time_of(const aws::HttpRequest& request);

}  // namespace spawn::localcloud::testing
