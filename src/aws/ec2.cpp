#include "aws/ec2.hpp"

#include <algorithm>

#include "aws/xml.hpp"

namespace spawn::aws {

namespace {
constexpr std::string_view kDryRunOk = "DryRunOperation";
}  // namespace

bool is_dry_run_ok(const Error& error) {
  return error.aws && error.aws->code == kDryRunOk;
}

Result<XmlResponse> Ec2Client::call(std::string_view action, const QueryParams& params) {
  return call_query(client_, services::ec2, action, params);
}

Result<void> Ec2Client::call_for_success(std::string_view action, const QueryParams& params) {
  auto response = call(action, params);
  if (!response)
    return std::unexpected(std::move(response.error()));
  // Most such answers carry <return>true</return>; some carry nothing but the request id.
  if (xml::boolean(response->result(), "return") == false)
    return fail(ErrorKind::aws, std::string("EC2 ") + std::string(action) + " answered false");
  return {};
}

}  // namespace spawn::aws
