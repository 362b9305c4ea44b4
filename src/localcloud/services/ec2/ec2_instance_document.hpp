// The documents of the instance half of EC2, in the model's member names.
//
// "instance" (keyed by InstanceId): EC2's Instance shape —
//   InstanceId, ImageId, InstanceType, State{Code,Name}, StateTransitionReason,
//   StateReason{Code,Message} (once stopped or terminated), AmiLaunchIndex, ProductCodes[],
//   LaunchTime, Placement{AvailabilityZone,GroupName,Tenancy}, Monitoring{State}, SubnetId,
//   VpcId, PrivateIpAddress, PrivateDnsName, PublicIpAddress (only when it has one),
//   PublicDnsName ("" without), SourceDestCheck, SecurityGroups[{GroupId,GroupName}],
//   KeyName (when launched with one), Architecture, RootDeviceType, RootDeviceName,
//   BlockDeviceMappings[{DeviceName,Ebs{AttachTime,DeleteOnTermination,Status,VolumeId}}],
//   VirtualizationType, Hypervisor, ClientToken, Tags{key: value}, IamInstanceProfile{Arn,Id}
//   (when launched with one), EbsOptimized, EnaSupport, HibernationOptions{Configured},
//   MetadataOptions{State,HttpTokens,HttpPutResponseHopLimit,HttpEndpoint,HttpProtocolIpv6,
//   InstanceMetadataTags}, EnclaveOptions{Enabled}, PlatformDetails, UsageOperation,
//   UsageOperationUpdateTime, MaintenanceOptions{AutoRecovery}, and for spot instances
//   InstanceLifecycle "spot" and SpotInstanceRequestId —
// plus the Reservation it belongs to (ReservationId), the InstanceAttribute members
// (UserData as sent, base64, "" when none; InstanceInitiatedShutdownBehavior;
// DisableApiTermination; DisableApiStop), the request's InstanceMarketOptions{MarketType,
// SpotOptions{MaxPrice,SpotInstanceType,InstanceInterruptionBehavior}} for spot instances,
// and "Localcloud", the state machine's bookkeeping, which is never rendered (see runtime::).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/api/api.hpp"
#include "localcloud/store/resource_store.hpp"
#include "util/clock.hpp"

namespace spawn::localcloud {

inline constexpr std::string_view kInstanceKind = "instance";
// The EBS volumes RunInstances creates (keyed by VolumeId), as EC2's Volume shape: VolumeId,
// Size, VolumeType, Encrypted, Iops, Throughput (gp3), AvailabilityZone, CreateTime, State,
// SnapshotId, MultiAttachEnabled, Attachments[{AttachTime,Device,InstanceId,State,VolumeId,
// DeleteOnTermination}], Tags. Terminating the instance deletes those marked
// DeleteOnTermination and detaches the others.
inline constexpr std::string_view kVolumeKind = "volume";
// One per ClientToken, keyed by the token: {ClientToken, ReservationId, InstanceIds,
// ParameterDigest} so a retried RunInstances answers the same reservation.
inline constexpr std::string_view kClientTokenKind = "client-token";

// EC2's instance states with their codes.
enum class InstanceState {
  pending = 0,
  running = 16,
  shutting_down = 32,
  terminated = 48,
  stopping = 64,
  stopped = 80,
};

std::string_view state_name(InstanceState state);
// {"Code": 16, "Name": "running"}
Json state_json(InstanceState state);
// The document's State; a document without one reads as terminated.
InstanceState state_of(const Json& instance);
void set_state(Json& instance, InstanceState state);

// The state machine's bookkeeping under the document's "Localcloud" member.
namespace runtime {
// bool: the sandbox has booted once (later boots are BootMode::again).
inline constexpr std::string_view kBooted = "Booted";
// bool: stopped by hibernation, its processes frozen until the next start.
inline constexpr std::string_view kHibernated = "Hibernated";
// "stop" or "hibernate": how a stopping instance ends.
inline constexpr std::string_view kStopMode = "StopMode";
// epoch ms: when the current transition ends (pending, stopping, shutting-down) or when a
// terminated instance is purged.
inline constexpr std::string_view kDueAt = "DueAt";
// {"action": ..., "time": ...}: the announced spot interruption, and when it acts (epoch ms).
inline constexpr std::string_view kSpotAction = "SpotAction";
inline constexpr std::string_view kSpotActionAt = "SpotActionAt";
}  // namespace runtime

// The "Localcloud" object of `instance`, created when absent.
Json& runtime_of(Json& instance);
// The runtime member `key` of `instance`, or nullptr.
const Json* runtime_member(const Json& instance, std::string_view key);
bool runtime_flag(const Json& instance, std::string_view key);
// The runtime member `key` as epoch ms, if set.
std::optional<std::int64_t> runtime_time(const Json& instance, std::string_view key);

std::int64_t epoch_ms(SystemTime time);
SystemTime from_epoch_ms(std::int64_t ms);

// EC2's timestamp spelling, "2015-12-22T10:44:05.000Z".
std::string ec2_timestamp(SystemTime time);

// The region that holds instance `instance_id`, if any (instance ids are unique across regions).
std::optional<std::string> region_of_instance(const ResourceStore& store,
                                              std::string_view instance_id);

// "The instance ID 'i-1' does not exist" / "The instance IDs 'i-1, i-2' do not exist".
ApiError instances_not_found(const std::vector<std::string>& instance_ids);

}  // namespace spawn::localcloud
