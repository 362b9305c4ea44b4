// SSM Parameter Store reads: one parameter, or many (GetParameters takes at
// most ten names per call, so longer lists are sent in chunks).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// Whether SecureString values come back decrypted.
enum class Decryption { no, yes };

struct Parameter {
  std::string name;
  std::string type;  // "String", "StringList" or "SecureString"
  std::string value;
  std::int64_t version = 0;
  std::string arn;
  std::string data_type;  // "text", "aws:ec2:image"
  std::optional<SystemTime> last_modified;
};

struct ParametersResult {
  std::vector<Parameter> parameters;
  std::vector<std::string> invalid_parameters;  // names that do not exist
};

class SsmClient {
 public:
  explicit SsmClient(AwsClient& client) : client_(client) {}

  // The parameter `name`; ErrorKind::not_found (ParameterNotFound) when it does not exist.
  Result<Parameter> get_parameter(const std::string& name, Decryption decryption = Decryption::no);
  // The parameters among `names` that exist, and the names that do not, in as many calls as
  // needed (ten names per call).
  Result<ParametersResult> get_parameters(const std::vector<std::string>& names,
                                          Decryption decryption = Decryption::no);

 private:
  AwsClient& client_;
};

}  // namespace spawn::aws
