#include "localcloud/services/ec2/ec2_groups.hpp"

namespace spawn::localcloud {

void add_group_operations(OperationTable& table, const Ec2Context& context) {
  add_security_group_operations(table, context);
  add_security_group_rule_operations(table, context);
  add_placement_group_operations(table, context);
}

}  // namespace spawn::localcloud
