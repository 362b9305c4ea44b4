#include "localcloud/services/iam/marker_page.hpp"

#include <algorithm>

#include "localcloud/api/responses.hpp"

namespace spawn::localcloud::iam {
namespace {

constexpr std::size_t kDefaultMaxItems = 100;

}  // namespace

std::vector<InputRule> page_rules() {
  return {{"Marker", Need::optional, shapes::kMarker},
          {"MaxItems", Need::optional, {}, shapes::kMaxItems}};
}

MarkerPage marker_page(const std::vector<std::string>& sorted_keys, const FormParams& params) {
  auto max_items = static_cast<std::size_t>(integer_param(params, "MaxItems", kDefaultMaxItems));
  MarkerPage page;
  if (auto marker = params.get("Marker")) {
    page.begin = static_cast<std::size_t>(
        std::lower_bound(sorted_keys.begin(), sorted_keys.end(), *marker) - sorted_keys.begin());
  }
  page.end = std::min(sorted_keys.size(), page.begin + max_items);
  if (page.end < sorted_keys.size())
    page.next_marker = sorted_keys[page.end];
  return page;
}

void add_page_fields(pugi::xml_node result, const MarkerPage& page) {
  add_text(result, "IsTruncated", page.next_marker.empty() ? "false" : "true");
  if (!page.next_marker.empty())
    add_text(result, "Marker", page.next_marker);
}

}  // namespace spawn::localcloud::iam
