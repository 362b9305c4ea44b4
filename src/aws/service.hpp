// The static facts about each AWS service spawn talks to: its names, API
// version and wire protocol. Clients and the endpoint resolver read these
// tables instead of repeating strings.
#pragma once

#include <string_view>

namespace spawn::aws {

enum class Protocol {
  ec2,        // EC2 query: form-encoded POST, XML with <item> lists
  query,      // AWS query (IAM, STS): form-encoded POST, XML with <member> lists
  json,       // JSON 1.0/1.1 with X-Amz-Target (SSM, DynamoDB)
  rest_json,  // REST paths with JSON bodies (Scheduler, Lambda, SSO portal)
  rest_xml,   // REST paths with XML bodies (S3)
};

struct ServiceInfo {
  std::string_view name;         // SigV4 signing name and endpoint prefix: "ec2"
  std::string_view env_name;     // suffix of AWS_ENDPOINT_URL_<X> and the config key: "EC2"
  std::string_view api_version;  // "2016-11-15"
  Protocol protocol;
  std::string_view target_prefix;  // JSON protocols: "AmazonSSM" in X-Amz-Target
  std::string_view json_version;   // JSON protocols: "1.1" -> application/x-amz-json-1.1
  bool global = false;             // one endpoint for all regions, signed for us-east-1 (IAM)
};

namespace services {
extern const ServiceInfo ec2;
extern const ServiceInfo iam;
extern const ServiceInfo sts;
extern const ServiceInfo ssm;
extern const ServiceInfo s3;
extern const ServiceInfo dynamodb;
extern const ServiceInfo scheduler;
extern const ServiceInfo lambda;
extern const ServiceInfo sso;  // the IAM Identity Center portal (GetRoleCredentials)
}  // namespace services

}  // namespace spawn::aws
