// Instances and reservations as EC2 answers them (DescribeInstances,
// RunInstances), and the state-change items of StartInstances and friends.
#pragma once

#include <pugixml.hpp>
#include <string_view>
#include <vector>

#include "localcloud/services/ec2/ec2_instance_document.hpp"

namespace spawn::localcloud {

// Appends the instance as an <item> of `list` (an instancesSet).
void add_instance_item(pugi::xml_node list, const Json& instance);

// Fills `reservation` (an <item> of reservationSet, or the RunInstances response element)
// with reservationId, ownerId, groupSet and the instancesSet of `instances`.
void add_reservation(pugi::xml_node reservation, std::string_view reservation_id,
                     const std::vector<const Json*>& instances);

// <instanceState> or another state element: <code/> and <name/>.
void add_state(pugi::xml_node parent, std::string_view element, InstanceState state);

struct StateChange {
  std::string instance_id;
  InstanceState previous;
  InstanceState current;
};
// <instancesSet> of {instanceId, currentState, previousState} items.
void add_state_changes(pugi::xml_node parent, const std::vector<StateChange>& changes);

}  // namespace spawn::localcloud
