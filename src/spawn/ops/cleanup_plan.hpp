// What `spawn cleanup` deletes, decided from what was found, with no I/O, so every
// rule is a unit test (ARCHITECTURE decision 4: spawn finds what a crash left by tag).
//
// Only resources tagged spawn:managed=true are ever considered, and each stays while
// anything may still need it:
// - a security group while a non-terminated instance of its region uses it; a default
//   group never;
// - a key pair while an instance uses its name; imported keys (spawn:keep or
//   spawn:imported) never;
// - the shared spawn VPC only with --all, only when no instance is in it and it holds
//   nothing spawn did not create (its default group and main route table come and go with
//   it); its parts go first: spawn's groups in it, subnets (which drops their route table
//   associations, so no separate disassociate call is needed), route tables other than
//   the main one, the internet gateway (detached first), then the VPC;
// - the agent bucket only with --all, while no spawn instance of its region is alive;
// - an instance profile while an instance in any region uses it, a role while one of its
//   profiles stays; neither when a region could not be scanned (its instances might use
//   them) or when created in the last kFreshGrace (a launch may be about to use them).
// Reasons are codes, not text: the command renders them through the message catalog.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/ec2_image_key_types.hpp"
#include "aws/ec2_instance_types.hpp"
#include "aws/ec2_network_types.hpp"
#include "aws/iam.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// The region of IAM's actions: IAM is global.
inline constexpr std::string_view kGlobalRegion = "global";
// IAM resources younger than this stay: a launch creates them seconds before it uses them.
inline constexpr std::chrono::minutes kFreshGrace{10};

// What can be deleted, in the order a region's teardown runs (IAM last).
enum class ResourceKind {
  security_group,
  key_pair,
  subnet,
  route_table,
  internet_gateway,
  vpc,
  bucket,
  instance_profile,
  role,
};

// "security-group", "key-pair", ... (JSON output, stable).
std::string_view kind_name(ResourceKind kind);

// Why a resource goes or stays; `detail` in CleanupAction names the instance, VPC, region or
// resource the reason refers to.
enum class Reason {
  unused,              // no instance uses it
  part_of_vpc,         // detail: the spawn VPC being deleted
  empty_vpc,           // the spawn VPC, empty, and --all
  agent_bucket,        // the agent bucket, and --all
  in_use,              // detail: an instance using it
  default_group,       // the VPC's default security group
  keep_tag,            // an imported key (spawn:keep)
  needs_all,           // shared resources go only with --all
  foreign_part,        // detail: something in the VPC spawn did not create
  recently_created,    // created less than kFreshGrace ago
  region_not_scanned,  // detail: a region whose instances are unknown
  foreign_profile,     // detail: an instance profile spawn did not create holds the role
  profile_stays,       // detail: one of the role's instance profiles, which stays
  not_tagged,          // a bucket named like spawn's but without spawn's tags
};

// "unused", "in-use", ... (JSON output, stable).
std::string_view reason_name(Reason reason);

struct CleanupAction {
  std::string region{};  // kGlobalRegion for IAM
  ResourceKind kind = ResourceKind::security_group;
  std::string id{};     // what the delete call takes: sg-…, key name, bucket name, role name
  std::string label{};  // a readable name when `id` is opaque (a group's name), else ""
  Reason reason = Reason::unused;
  std::string detail{};  // see Reason
  std::string parent{};  // the VPC a part belongs to; the role inside an instance profile
  std::string unit{};    // actions of one unit (a VPC and its parts, a role and its profiles)
                         // stop at the unit's first failure; "" for none
};

// The spawn VPC with everything in it.
struct SpawnVpc {
  aws::Vpc vpc{};
  std::vector<aws::Subnet> subnets{};                 // every subnet of the VPC
  std::vector<aws::InternetGateway> gateways{};       // attached to it
  std::vector<aws::RouteTable> route_tables{};        // every table of it, main included
  std::vector<aws::SecurityGroup> security_groups{};  // every group of it, default included
};

struct AgentBucket {
  std::string name{};
  std::vector<aws::Tag> tags{};
};

// What one region holds.
struct RegionInventory {
  std::string region{};
  std::vector<aws::Instance> instances{};             // every instance not terminated
  std::vector<aws::SecurityGroup> security_groups{};  // tagged spawn:managed=true
  std::vector<aws::KeyPair> key_pairs{};              // tagged spawn:managed=true
  std::vector<SpawnVpc> vpcs{};                       // tagged spawn:managed=true
  std::optional<AgentBucket> agent_bucket{};          // looked for only with --all
};

// spawn's roles and the instance profiles that hold them or are spawn's by name.
struct IamInventory {
  std::vector<aws::Role> roles{};
  std::vector<aws::InstanceProfile> profiles{};
};

struct ScanFailure {
  std::string region{};
  Error error{};
};

struct Inventory {
  std::vector<RegionInventory> regions{};
  std::vector<ScanFailure> failed_regions{};
  std::optional<IamInventory> iam{};  // nullopt: IAM not looked at (--region, or it failed)
};

// --all adds the shared spawn VPC and the agent bucket.
enum class CleanupScope { orphans, all };

// Unused IAM made less than kFreshGrace ago: kept (a launch may be about to use it), or
// removed when the user knows no launch is running (`cleanup --include-recent`).
enum class RecentIam { keep, remove };

struct PlanOptions {
  CleanupScope scope = CleanupScope::orphans;
  SystemTime now{};
  RecentIam recent_iam = RecentIam::keep;
};

struct CleanupPlan {
  std::vector<CleanupAction> deletions{};  // in the order they must run
  std::vector<CleanupAction> kept{};       // spawn's resources that stay, and why
};

CleanupPlan plan_cleanup(const Inventory& inventory, const PlanOptions& options);

// Whether `tags` hold spawn:managed=true.
bool is_spawn_managed(const std::vector<aws::Tag>& tags);

}  // namespace spawn::ops
