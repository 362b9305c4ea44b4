// Security group rules as a request states them: IpPermissions.N (IpProtocol,
// FromPort, ToPort, IpRanges.M.CidrIp/Description, Groups.M.GroupId) or the
// legacy flat form (IpProtocol, FromPort, ToPort, CidrIp), normalized as EC2
// stores them ("6" is "tcp", "all" is "-1", ports only where the protocol has
// them, CIDR blocks checked).
#include <charconv>

#include "localcloud/services/ec2/ec2_cidr.hpp"
#include "localcloud/services/ec2/ec2_groups.hpp"
#include "localcloud/services/ec2/ec2_request.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {
namespace {

constexpr int kMaxPort = 65535;
constexpr int kMaxIcmpValue = 255;

ApiError invalid(std::string message) {
  return client_error("InvalidParameterValue", std::move(message));
}

// "tcp", "udp", "icmp", "-1" or another protocol number, as EC2 stores it.
std::expected<std::string, ApiError> normalized_protocol(std::string_view text) {
  std::string protocol = to_lower(text);
  if (protocol == "6")
    return "tcp";
  if (protocol == "17")
    return "udp";
  if (protocol == "1")
    return "icmp";
  if (protocol == "all")
    return "-1";
  if (protocol == "tcp" || protocol == "udp" || protocol == "icmp" || protocol == "-1")
    return protocol;
  int number = 0;
  auto [end, ec] = std::from_chars(protocol.data(), protocol.data() + protocol.size(), number);
  if (ec == std::errc{} && end == protocol.data() + protocol.size() && number >= 0 &&
      number <= kMaxIcmpValue) {
    return protocol;
  }
  return std::unexpected(
      invalid("Invalid value '" + std::string(text) + "' for IP protocol. Unknown protocol."));
}

std::optional<int> port_of(const FormParams& params, std::string_view name) {
  auto text = params.get(name);
  int value = 0;
  if (!text)
    return std::nullopt;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size())
    return std::nullopt;
  return value;
}

// Sets FromPort/ToPort of `rule` as the protocol wants them.
std::optional<ApiError> set_ports(Json& rule, const FormParams& params) {
  const std::string protocol = rule["IpProtocol"];
  auto from = port_of(params, "FromPort");
  auto to = port_of(params, "ToPort");
  if (protocol == "tcp" || protocol == "udp") {
    if (!from || !to)
      return invalid(
          "Invalid value for portRange. Must specify both from and to ports with TCP/UDP.");
    if (*from < 0 || *to > kMaxPort || *from > *to)
      return invalid("Invalid TCP/UDP port range: " + std::to_string(*from) + "-" +
                     std::to_string(*to));
  } else if (protocol == "icmp") {
    from = from.value_or(-1);
    to = to.value_or(-1);
    if (*from < -1 || *from > kMaxIcmpValue || *to < -1 || *to > kMaxIcmpValue)
      return invalid("Invalid ICMP type or code");
  } else {
    return std::nullopt;  // all protocols, or one without ports
  }
  rule["FromPort"] = *from;
  rule["ToPort"] = *to;
  return std::nullopt;
}

std::expected<Json, ApiError> ip_range(std::string_view cidr_text, std::string_view description) {
  auto cidr = parse_cidr(cidr_text);
  if (!cidr)
    return std::unexpected(invalid("CIDR block " + std::string(cidr_text) + " is malformed"));
  Json range{{"CidrIp", cidr->to_string()}};
  if (!description.empty())
    range["Description"] = description;
  return range;
}

// One rule set from `params` (an IpPermissions.N struct, or the request's flat form).
std::expected<Json, ApiError> parse_permission(const FormParams& params,
                                               const std::vector<FormParams>& ranges,
                                               const std::vector<FormParams>& groups) {
  auto protocol = required(params, "IpProtocol");
  if (!protocol)
    return std::unexpected(protocol.error());
  auto normalized = normalized_protocol(*protocol);
  if (!normalized)
    return std::unexpected(normalized.error());
  Json rule{{"IpProtocol", *normalized},
            {"IpRanges", Json::array()},
            {"UserIdGroupPairs", Json::array()}};
  if (auto problem = set_ports(rule, params))
    return std::unexpected(*problem);
  for (const FormParams& range : ranges) {
    auto parsed = ip_range(range.get_or("CidrIp", ""), range.get_or("Description", ""));
    if (!parsed)
      return std::unexpected(parsed.error());
    rule["IpRanges"].push_back(*parsed);
  }
  for (const FormParams& group : groups)
    rule["UserIdGroupPairs"].push_back({{"GroupId", group.get_or("GroupId", "")}});
  if (rule["IpRanges"].empty() && rule["UserIdGroupPairs"].empty())
    return std::unexpected(invalid("A rule must name its source: an IP range or a group."));
  return rule;
}

}  // namespace

std::expected<std::vector<Json>, ApiError> requested_rules(const FormParams& params) {
  std::vector<Json> rules;
  for (const FormParams& permission : params.structs("IpPermissions")) {
    auto rule =
        parse_permission(permission, permission.structs("IpRanges"), permission.structs("Groups"));
    if (!rule)
      return std::unexpected(rule.error());
    rules.push_back(std::move(*rule));
  }
  if (params.has("IpProtocol") || params.has("CidrIp")) {
    std::vector<FormParams> ranges;
    if (params.has("CidrIp"))
      ranges.push_back(params);
    auto rule = parse_permission(params, ranges, {});
    if (!rule)
      return std::unexpected(rule.error());
    rules.push_back(std::move(*rule));
  }
  if (rules.empty())
    return std::unexpected(
        client_error("MissingParameter", "The request must contain the parameter ipPermissions"));
  return rules;
}

}  // namespace spawn::localcloud
