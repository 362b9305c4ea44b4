// The instance half of EC2's operations, in families that share the lifecycle
// (the only way state changes get their timed steps) and the address pool.
#pragma once

#include "localcloud/services/ec2/ec2_ip_allocator.hpp"
#include "localcloud/services/ec2/ec2_lifecycle.hpp"
#include "localcloud/services/ec2/ec2_operations.hpp"

namespace spawn::localcloud {

struct InstanceServices {
  const Ec2Context& context;
  InstanceLifecycle& lifecycle;
  IpAllocator& addresses;
};

// RunInstances (ec2_instances_run.cpp).
void add_launch_operations(OperationTable& table, const InstanceServices& services);
// DescribeInstances (ec2_instances_describe.cpp).
void add_instance_query_operations(OperationTable& table, const InstanceServices& services);
// DescribeInstanceStatus (ec2_instances_status.cpp).
void add_instance_status_operations(OperationTable& table, const InstanceServices& services);
// Start, Stop, Terminate and RebootInstances (ec2_instances_state.cpp).
void add_instance_state_operations(OperationTable& table, const InstanceServices& services);
// Describe/ModifyInstanceAttribute (ec2_instances_attributes.cpp).
void add_instance_attribute_operations(OperationTable& table, const InstanceServices& services);
// GetConsoleOutput (ec2_instances_console.cpp).
void add_console_operations(OperationTable& table, const InstanceServices& services);
// DescribeVolumes (ec2_volumes.cpp).
void add_volume_operations(OperationTable& table, const InstanceServices& services);
// CreateTags, DeleteTags, DescribeTags over every resource kind (ec2_tags.cpp).
void add_tag_operations(OperationTable& table, const InstanceServices& services);

}  // namespace spawn::localcloud
