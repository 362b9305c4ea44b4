// What the network, group, image, key and catalog tests share: an operation
// table holding those families' handlers over an in-memory store, called the
// way the EC2 service calls them, with answers parsed as XML for spawn's own
// client parsers.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/api/service.hpp"
#include "localcloud/auth/credential_store.hpp"
#include "localcloud/server/faults.hpp"
#include "localcloud/services/ec2/ec2_operations.hpp"
#include "localcloud/store/resource_store.hpp"
#include "util/clock.hpp"

namespace spawn::localcloud::network_testing {

// An answer: HTTP status, error code ("" on success) and the XML body.
struct Reply {
  int status = 0;
  std::string code;
  std::string message;
  std::unique_ptr<pugi::xml_document> xml;
  // The response element (<CreateVpcResponse>); empty for errors.
  pugi::xml_node root() const { return xml ? xml->document_element() : pugi::xml_node(); }
};

class Ec2NetworkTest : public ::testing::Test {
 protected:
  explicit Ec2NetworkTest(DefaultVpc default_vpc = DefaultVpc::yes);

  // Calls `operation` with the form-encoded `body` in `region`.
  Reply call(std::string_view operation, std::string_view body,
             std::string_view region = "us-east-1");
  // Calls and expects success; the response element.
  pugi::xml_node ok(std::string_view operation, std::string_view body,
                    std::string_view region = "us-east-1");
  // Calls and expects failure with `code` (HTTP 400 unless told otherwise).
  void expect_error(std::string_view operation, std::string_view body, std::string_view code,
                    std::string_view region = "us-east-1", int status = 400);
  // Expects DryRun=true on `body` to answer 412 DryRunOperation.
  void expect_dry_run(std::string_view operation, std::string_view body,
                      std::string_view region = "us-east-1");

  // Stores an instance document (as the instance family would) and returns its id.
  std::string put_instance(Json instance, std::string_view region = "us-east-1");
  std::optional<Json> document(std::string_view kind, std::string_view id,
                               std::string_view region = "us-east-1") const;
  std::size_t count(std::string_view kind, std::string_view region = "us-east-1") const;

  // Shortcuts returning the new resource's id.
  std::string create_vpc(std::string_view cidr = "10.0.0.0/16",
                         std::string_view region = "us-east-1");
  std::string create_subnet(std::string_view vpc_id, std::string_view cidr,
                            std::string_view region = "us-east-1");
  std::string create_gateway(std::string_view region = "us-east-1");
  std::string create_group(std::string_view name, std::string_view vpc_id,
                           std::string_view region = "us-east-1");

  FakeClock clock_;
  std::unique_ptr<ResourceStore> store_;
  std::unique_ptr<CredentialStore> credentials_;
  Faults faults_;
  std::unique_ptr<Ec2Context> context_;
  OperationTable table_;

 private:
  std::vector<std::unique_ptr<pugi::xml_document>> answers_;  // what ok() returned nodes of
};

}  // namespace spawn::localcloud::network_testing
