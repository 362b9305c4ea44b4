// The JSON documents and derived names IMDS serves, shaped like EC2's own:
// role credentials, iam/info, the instance identity document, the EC2 hostname
// and a stable MAC address.
#pragma once

#include <string>
#include <string_view>

#include "localcloud/auth/credential_store.hpp"
#include "localcloud/instances/metadata_source.hpp"
#include "util/clock.hpp"

namespace spawn::localcloud {

// iam/security-credentials/<role>: Code, LastUpdated, Type, AccessKeyId, SecretAccessKey,
// Token, Expiration, in EC2's order and layout.
std::string credentials_document(const AccessKey& key, SystemTime last_updated);

// iam/info: Code, LastUpdated, InstanceProfileArn, InstanceProfileId. localcloud knows
// the role, not the profile, so the profile is named after the role.
std::string iam_info_document(const InstanceMetadata& metadata, SystemTime last_updated);

// /latest/dynamic/instance-identity/document, with accountId 123456789012.
std::string identity_document(const InstanceMetadata& metadata);

// "ip-127-0-0-2.ec2.internal" in us-east-1, "ip-127-0-0-2.<region>.compute.internal" elsewhere.
std::string ec2_hostname(std::string_view private_ip, std::string_view region);

// A locally administered MAC address derived from the instance id (the same every time).
std::string mac_address(std::string_view instance_id);

}  // namespace spawn::localcloud
