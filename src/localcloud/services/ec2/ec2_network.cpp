#include "localcloud/services/ec2/ec2_network.hpp"

namespace spawn::localcloud {

void add_network_operations(OperationTable& table, const Ec2Context& context) {
  add_vpc_operations(table, context);
  add_subnet_operations(table, context);
  add_internet_gateway_operations(table, context);
  add_route_table_operations(table, context);
  add_route_operations(table, context);
}

}  // namespace spawn::localcloud
