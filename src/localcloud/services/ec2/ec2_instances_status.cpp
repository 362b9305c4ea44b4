// DescribeInstanceStatus: the status checks of running instances (of every
// instance with IncludeAllInstances). A sandbox has no hardware to fail, so both
// checks pass as soon as the instance runs and do not apply before.
#include "localcloud/api/responses.hpp"
#include "localcloud/services/ec2/ec2_instance_lookup.hpp"
#include "localcloud/services/ec2/ec2_instance_operations.hpp"
#include "localcloud/services/ec2/ec2_instance_xml.hpp"
#include "localcloud/services/ec2/ec2_request.hpp"
#include "localcloud/services/ec2/ec2_response.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::size_t kMinResults = 5;
constexpr std::size_t kMaxResults = 1000;

bool is_running(const Json& instance) {
  return state_of(instance) == InstanceState::running;
}

std::string check_status(const Json& instance) {
  return is_running(instance) ? "ok" : "not-applicable";
}

std::string reachability(const Json& instance) {
  return is_running(instance) ? "passed" : "not-applicable";
}

const FilterTable& status_filters() {
  static const FilterTable table{
      {"availability-zone", member("/Placement/AvailabilityZone")},
      {"instance-state-name", member("/State/Name")},
      {"instance-state-code", member("/State/Code")},
      {"instance-status.status", [](const Json& i) { return std::vector{check_status(i)}; }},
      {"system-status.status", [](const Json& i) { return std::vector{check_status(i)}; }},
      {"instance-status.reachability", [](const Json& i) { return std::vector{reachability(i)}; }},
      {"system-status.reachability", [](const Json& i) { return std::vector{reachability(i)}; }},
  };
  return table;
}

void add_check(pugi::xml_node parent, std::string_view element, const Json& instance) {
  pugi::xml_node check = add_node(parent, element);
  add_text(check, "status", check_status(instance));
  pugi::xml_node details = add_node(check, "details");
  if (!is_running(instance))
    return;
  pugi::xml_node item = add_node(details, "item");
  add_text(item, "name", "reachability");
  add_text(item, "status", reachability(instance));
}

void add_status_item(pugi::xml_node list, const Json& instance) {
  pugi::xml_node item = add_node(list, "item");
  add_text(item, "instanceId", instance.value("InstanceId", ""));
  add_text(item, "availabilityZone",
           instance.value(Json::json_pointer("/Placement/AvailabilityZone"), ""));
  add_node(item, "eventsSet");
  add_state(item, "instanceState", state_of(instance));
  add_check(item, "systemStatus", instance);
  add_check(item, "instanceStatus", instance);
}

ApiOutcome describe_instance_status(const InstanceServices& services, const ApiRequest& request) {
  const FormParams& params = request.params;
  auto ids = instance_ids_of(params, Need::optional);
  if (!ids)
    return std::unexpected(ids.error());
  if (auto error = ids_with_max_results(params, *ids))
    return std::unexpected(*error);
  auto filters = parse_filters(params, status_filters());
  auto page_request = parse_page_request(params, kMinResults, kMaxResults);
  if (!filters || !page_request)
    return std::unexpected(filters ? page_request.error() : filters.error());
  InstanceQuery query{*ids, *filters, status_filters(), nullptr, *page_request};
  if (!params.get_bool("IncludeAllInstances"))
    query.keep = is_running;
  Ec2Response response(request.operation, request.request_id);
  auto failure = read_instance_page(services.context.deps.store, request.region, query,
                                    [&](const ResourceMap& instances, const Ec2Page& page) {
                                      pugi::xml_node list =
                                          add_node(response.root(), "instanceStatusSet");
                                      for (const std::string& id : page.ids)
                                        add_status_item(list, instances.find(id)->second);
                                      if (!page.next_token.empty())
                                        add_text(response.root(), "nextToken", page.next_token);
                                    });
  if (failure)
    return std::unexpected(*failure);
  return response.finish();
}

}  // namespace

void add_instance_status_operations(OperationTable& table, const InstanceServices& services) {
  table["DescribeInstanceStatus"] = [services](const ApiRequest& r) {
    return describe_instance_status(services, r);
  };
}

}  // namespace spawn::localcloud
