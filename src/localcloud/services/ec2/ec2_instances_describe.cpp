// DescribeInstances: the instances the request names or its filters select,
// paged by instance id and grouped into their reservations as EC2 answers.
#include <algorithm>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/ec2/ec2_instance_lookup.hpp"
#include "localcloud/services/ec2/ec2_instance_operations.hpp"
#include "localcloud/services/ec2/ec2_request.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::size_t kMinResults = 5;
constexpr std::size_t kMaxResults = 1000;

const FilterTable& instance_filters() {
  static const FilterTable table{
      {"instance-id", member("/InstanceId")},
      {"instance-state-name", member("/State/Name")},
      {"instance-state-code", member("/State/Code")},
      {"instance-type", member("/InstanceType")},
      {"image-id", member("/ImageId")},
      {"availability-zone", member("/Placement/AvailabilityZone")},
      {"placement-group-name", member("/Placement/GroupName")},
      {"vpc-id", member("/VpcId")},
      {"subnet-id", member("/SubnetId")},
      {"key-name", member("/KeyName")},
      {"instance-lifecycle", member("/InstanceLifecycle")},
      {"spot-instance-request-id", member("/SpotInstanceRequestId")},
      {"private-ip-address", member("/PrivateIpAddress")},
      {"ip-address", member("/PublicIpAddress")},
      {"private-dns-name", member("/PrivateDnsName")},
      {"dns-name", member("/PublicDnsName")},
      {"instance.group-id", members_of("/SecurityGroups", "/GroupId")},
      {"instance.group-name", members_of("/SecurityGroups", "/GroupName")},
      {"group-id", members_of("/SecurityGroups", "/GroupId")},
      {"group-name", members_of("/SecurityGroups", "/GroupName")},
      {"iam-instance-profile.arn", member("/IamInstanceProfile/Arn")},
      {"launch-time", member("/LaunchTime")},
      {"reservation-id", member("/ReservationId")},
      {"client-token", member("/ClientToken")},
      {"architecture", member("/Architecture")},
      {"root-device-type", member("/RootDeviceType")},
      {"hibernation-options.configured", member("/HibernationOptions/Configured")},
      {"metadata-options.http-tokens", member("/MetadataOptions/HttpTokens")},
      {"metadata-options.http-endpoint", member("/MetadataOptions/HttpEndpoint")},
      {"metadata-options.instance-metadata-tags", member("/MetadataOptions/InstanceMetadataTags")},
      {"owner-id", [](const Json&) { return std::vector<std::string>{std::string(kAccountId)}; }},
  };
  return table;
}

// <reservationSet>: the page's instances under their reservations, in order of appearance.
void add_reservations(pugi::xml_node root, const ResourceMap& instances,
                      const std::vector<std::string>& page) {
  std::vector<std::pair<std::string, std::vector<const Json*>>> reservations;
  for (const std::string& id : page) {
    const Json& instance = instances.find(id)->second;
    std::string reservation = instance.value("ReservationId", "");
    auto group = std::find_if(reservations.begin(), reservations.end(),
                              [&](const auto& entry) { return entry.first == reservation; });
    if (group == reservations.end())
      group = reservations.insert(reservations.end(), {reservation, {}});
    group->second.push_back(&instance);
  }
  pugi::xml_node set = add_node(root, "reservationSet");
  for (const auto& [reservation, members] : reservations)
    add_reservation(add_node(set, "item"), reservation, members);
}

ApiOutcome describe_instances(const InstanceServices& services, const ApiRequest& request) {
  const FormParams& params = request.params;
  auto ids = instance_ids_of(params, Need::optional);
  if (!ids)
    return std::unexpected(ids.error());
  if (auto error = ids_with_max_results(params, *ids))
    return std::unexpected(*error);
  auto filters = parse_filters(params, instance_filters());
  if (!filters)
    return std::unexpected(filters.error());
  auto page_request = parse_page_request(params, kMinResults, kMaxResults);
  if (!page_request)
    return std::unexpected(page_request.error());
  Ec2Response response(request.operation, request.request_id);
  InstanceQuery query{*ids, *filters, instance_filters(), nullptr, *page_request};
  auto failure = read_instance_page(services.context.deps.store, request.region, query,
                                    [&](const ResourceMap& instances, const Ec2Page& page) {
                                      add_reservations(response.root(), instances, page.ids);
                                      if (!page.next_token.empty())
                                        add_text(response.root(), "nextToken", page.next_token);
                                    });
  if (failure)
    return std::unexpected(*failure);
  return response.finish();
}

}  // namespace

void add_instance_query_operations(OperationTable& table, const InstanceServices& services) {
  table["DescribeInstances"] = [services](const ApiRequest& r) {
    return describe_instances(services, r);
  };
}

}  // namespace spawn::localcloud
