// Inside the catalog family (ec2_catalog*.cpp): what localcloud answers about
// the world without storing anything — regions, zones, instance types and spot
// prices.
#pragma once

#include <string>
#include <string_view>

#include "localcloud/services/ec2/ec2_operations.hpp"

namespace spawn::localcloud {

// The zone's id, "use1-az1" for "us-east-1a": the region's short name and the zone's
// position among the region's zones (AWS shuffles these per account; localcloud does not).
// "" for a zone localcloud does not know.
std::string availability_zone_id(std::string_view zone_name);
// The zone called `zone_id` ("use1-az2" → "us-east-1b") in `region`, or "".
std::string zone_name_of_id(std::string_view region, std::string_view zone_id);

void add_region_operations(OperationTable& table, const Ec2Context& context);
void add_instance_type_operations(OperationTable& table, const Ec2Context& context);
void add_spot_price_operations(OperationTable& table, const Ec2Context& context);

}  // namespace spawn::localcloud
