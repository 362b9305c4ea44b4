// The shared spawn VPC, for regions without a default VPC: 10.0.0.0/16 with DNS
// hostnames, an internet gateway, 0.0.0.0/0 routed to it from the VPC's main route
// table, and public /24 subnets (10.0.1.0/24, ...), one per zone a launch has asked
// for: the first with the VPC, later ones when a launch names a zone that has none.
// Using the main table means a subnet added later is routed without an association.
//
// Built in three rounds of concurrent calls: (1) CreateVpc, CreateInternetGateway;
// (2) attach the gateway, DNS hostnames, find the main table, create the subnet;
// (3) the default route, tag the main table, map public IPs on the subnet. No round
// has more than five calls, so even a small server answers each round at once.
// The undo step is recorded after round 1 and removes whatever exists by then, in
// dependency order: subnets, gateway (detach, delete), VPC.
#include <fmt/format.h>

#include <algorithm>

#include "aws/ec2.hpp"
#include "spawn/ops/network_parts.hpp"
#include "spawn/ops/own_client.hpp"
#include "spawn/ops/parallel.hpp"

namespace spawn::ops::network {
namespace {

constexpr std::string_view kVpcCidr = "10.0.0.0/16";
constexpr int kMaxSubnets = 255;
// Ranges taken by subnets spawn does not know of (or a concurrent launch) before giving up.
constexpr int kMaxSubnetConflicts = 8;

Result<void> first_error(const std::vector<Result<void>>& results) {
  for (const auto& result : results) {
    if (!result)
      return result;
  }
  return {};
}

// "10.0.<n>.0/24" inside the VPC's /16.
std::string subnet_cidr(const std::string& vpc_cidr, int n) {
  std::string prefix = vpc_cidr.substr(0, vpc_cidr.find('.', vpc_cidr.find('.') + 1));
  return fmt::format("{}.{}.0/24", prefix, n);
}

Result<void> tear_down(aws::AwsClient& client, const VpcParts& parts) {
  aws::Ec2Client ec2(client);
  std::vector<Result<void>> results;
  results.reserve(parts.subnet_ids.size() + 3);
  for (const std::string& subnet_id : parts.subnet_ids)
    results.push_back(remove_when_unused(client, [&] { return ec2.delete_subnet(subnet_id); }));
  if (parts.gateway_attached) {
    results.push_back(remove_when_unused(client, [&] {
      return ec2.detach_internet_gateway(parts.internet_gateway_id, parts.vpc_id);
    }));
  }
  if (!parts.internet_gateway_id.empty()) {
    results.push_back(remove_when_unused(
        client, [&] { return ec2.delete_internet_gateway(parts.internet_gateway_id); }));
  }
  if (!parts.vpc_id.empty())
    results.push_back(remove_when_unused(client, [&] { return ec2.delete_vpc(parts.vpc_id); }));
  return first_error(results);
}

void record_vpc_undo(aws::AwsClient& client, std::shared_ptr<VpcParts> parts, Saga& saga) {
  auto own_client = std::make_shared<aws::AwsClient>(client);
  std::string what =
      parts->vpc_id.empty()
          ? fmt::format("internet gateway {} in {}", parts->internet_gateway_id, client.region())
          : fmt::format("spawn VPC {} in {}", parts->vpc_id, client.region());
  saga.record(std::move(what), [own_client, parts = std::move(parts)]() -> Result<void> {
    std::lock_guard lock(parts->mutex);
    return tear_down(*own_client, *parts);
  });
}

Result<aws::Subnet> create_subnet(aws::Ec2Client& ec2, const std::string& vpc_id,
                                  const std::string& cidr, const std::string& zone) {
  return ec2.create_subnet({.vpc_id = vpc_id,
                            .cidr_block = cidr,
                            .availability_zone = zone,
                            .tag_specifications = tag_specification("subnet", shared_tags())});
}

// Runs `call(ec2)` on its own copy of the client into `result`, as one task of a round.
template <class Outcome, class Call>
std::function<void()> task(const aws::AwsClient& client, Outcome& result, Call call) {
  return [&client, &result, call] { result = call_with_own<aws::Ec2Client>(client, call); };
}

// Round 2: everything that needs only the VPC and the gateway to exist.
struct SecondRound {
  Result<void> attached;
  Result<void> dns_hostnames;
  Result<std::vector<aws::RouteTable>> main_tables;
  Result<aws::Subnet> subnet;
};

SecondRound run_second_round(const aws::AwsClient& client, const VpcParts& parts,
                             const std::string& zone) {
  SecondRound round;
  const std::string& vpc = parts.vpc_id;
  const std::string& gateway = parts.internet_gateway_id;
  run_all({task(client, round.attached,
                [&](aws::Ec2Client& ec2) { return ec2.attach_internet_gateway(gateway, vpc); }),
           task(client, round.dns_hostnames,
                [&](aws::Ec2Client& ec2) {
                  return ec2.modify_vpc_attribute(vpc, aws::VpcAttribute::enable_dns_hostnames,
                                                  aws::Toggle::on);
                }),
           task(client, round.main_tables,
                [&](aws::Ec2Client& ec2) {
                  return ec2.describe_route_tables_all(
                      {.filters = {{"vpc-id", {vpc}}, {"association.main", {"true"}}}});
                }),
           task(client, round.subnet, [&](aws::Ec2Client& ec2) {
             return create_subnet(ec2, vpc, subnet_cidr(std::string(kVpcCidr), 1), zone);
           })});
  return round;
}

// The main route table's id, after noting in `parts` what round 2 created (for the undo).
Result<std::string> collect_second_round(const SecondRound& round, VpcParts& parts) {
  parts.gateway_attached = round.attached.has_value();
  if (round.subnet)
    parts.subnet_ids.push_back(round.subnet->subnet_id);
  if (auto failed = first_error({round.attached, round.dns_hostnames}); !failed)
    return std::unexpected(failed.error());
  if (!round.main_tables)
    return std::unexpected(round.main_tables.error());
  if (!round.subnet)
    return std::unexpected(round.subnet.error());
  if (round.main_tables->empty())
    return fail(ErrorKind::aws, fmt::format("VPC {} has no main route table", parts.vpc_id));
  return round.main_tables->front().route_table_id;
}

// Round 3: the default route, the main table's tags, and public IPs on launch.
Result<void> run_third_round(const aws::AwsClient& client, const VpcParts& parts,
                             const std::string& main_table_id, const std::string& subnet_id) {
  std::vector<Result<void>> results(3);
  run_all(
      {task(client, results[0],
            [&](aws::Ec2Client& ec2) {
              return ec2.create_route({.route_table_id = main_table_id,
                                       .destination_cidr_block = "0.0.0.0/0",
                                       .gateway_id = parts.internet_gateway_id});
            }),
       task(client, results[1],
            [&](aws::Ec2Client& ec2) { return ec2.create_tags({main_table_id}, shared_tags()); }),
       task(client, results[2], [&](aws::Ec2Client& ec2) {
         return ec2.modify_subnet_map_public_ip(subnet_id, aws::Toggle::on);
       })});
  return first_error(results);
}

}  // namespace

Result<std::shared_ptr<VpcParts>> start_spawn_vpc(aws::AwsClient& client, Saga& saga) {
  Result<aws::Vpc> vpc;
  Result<aws::InternetGateway> gateway;
  run_all({task(client, vpc,
                [](aws::Ec2Client& ec2) {
                  return ec2.create_vpc(
                      {std::string(kVpcCidr), tag_specification("vpc", shared_tags())});
                }),
           task(client, gateway, [](aws::Ec2Client& ec2) {
             return ec2.create_internet_gateway(
                 tag_specification("internet-gateway", shared_tags()));
           })});
  auto parts = std::make_shared<VpcParts>();
  parts->vpc_id = vpc ? vpc->vpc_id : "";
  parts->internet_gateway_id = gateway ? gateway->internet_gateway_id : "";
  if (vpc || gateway)
    record_vpc_undo(client, parts, saga);
  if (!vpc)
    return std::unexpected(vpc.error());
  if (!gateway)
    return std::unexpected(gateway.error());
  return parts;
}

Result<aws::Subnet> finish_spawn_vpc(aws::AwsClient& client, VpcParts& parts,
                                     const std::string& zone) {
  std::lock_guard lock(parts.mutex);
  SecondRound second = run_second_round(client, parts, zone);
  auto main_table_id = collect_second_round(second, parts);
  if (!main_table_id)
    return std::unexpected(main_table_id.error());
  aws::Subnet subnet = *second.subnet;
  if (auto routed = run_third_round(client, parts, *main_table_id, subnet.subnet_id); !routed)
    return std::unexpected(routed.error());
  subnet.map_public_ip_on_launch = true;
  return subnet;
}

Result<aws::Subnet> add_spawn_subnet(aws::AwsClient& client, const aws::Vpc& vpc,
                                     const std::string& zone,
                                     const std::vector<aws::Subnet>& existing, Saga& saga) {
  aws::Ec2Client ec2(client);
  auto in_use = [&](const std::string& cidr) {
    return std::any_of(existing.begin(), existing.end(), [&](const aws::Subnet& subnet) {
      return subnet.vpc_id == vpc.vpc_id && subnet.cidr_block == cidr;
    });
  };
  Result<aws::Subnet> created = fail(ErrorKind::conflict, "no free /24 left in " + vpc.vpc_id);
  int conflicts = 0;
  for (int n = 1; n <= kMaxSubnets && conflicts < kMaxSubnetConflicts; ++n) {
    std::string cidr = subnet_cidr(vpc.cidr_block, n);
    if (in_use(cidr))
      continue;
    created = create_subnet(ec2, vpc.vpc_id, cidr, zone);
    // A concurrent launch took this range a moment ago: try the next.
    if (created || !is_aws_code(created.error(), "InvalidSubnet.Conflict"))
      break;
    ++conflicts;
  }
  if (!created)
    return created;
  auto own_client = std::make_shared<aws::AwsClient>(client);
  saga.record(fmt::format("subnet {} in {}", created->subnet_id, client.region()),
              [own_client, id = created->subnet_id]() -> Result<void> {
                aws::Ec2Client undo_ec2(*own_client);
                return remove_when_unused(*own_client, [&] { return undo_ec2.delete_subnet(id); });
              });
  if (auto mapped = ec2.modify_subnet_map_public_ip(created->subnet_id, aws::Toggle::on); !mapped)
    return std::unexpected(mapped.error());
  created->map_public_ip_on_launch = true;
  return created;
}

}  // namespace spawn::ops::network
