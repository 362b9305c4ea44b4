// IAM's list pagination: MaxItems (1..1000, default 100) items per answer and,
// when more remain, IsTruncated=true with a Marker to send back for the next
// page. The marker is the sort key of the next page's first item, so a page
// stays correct when items before it are deleted between calls.
#pragma once

#include <algorithm>
#include <cstddef>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "localcloud/api/form_params.hpp"
#include "localcloud/api/responses.hpp"
#include "localcloud/services/iam/query_input.hpp"

namespace spawn::localcloud::iam {

// The rules for Marker and MaxItems, to add to an operation's input rules.
std::vector<InputRule> page_rules();

// One page of a sorted list: items [begin, end) and the marker of the next page.
struct MarkerPage {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string next_marker;  // empty on the last page
};

// The page `params` (Marker, MaxItems) asks for among `sorted_keys`.
MarkerPage marker_page(const std::vector<std::string>& sorted_keys, const FormParams& params);

// Appends <IsTruncated> and, when truncated, <Marker> to `result`.
void add_page_fields(pugi::xml_node result, const MarkerPage& page);

// Items with the key they are sorted by.
template <class Item>
using KeyedItems = std::vector<std::pair<std::string, Item>>;

// Writes the page of `items` (in key order) that `params` asks for into `result`: the
// list <list_name> with one <member> per item, filled by write(member, item), then the
// page fields.
template <class Item, class Write>
void write_marker_page(pugi::xml_node result, std::string_view list_name, KeyedItems<Item> items,
                       const FormParams& params, Write write) {
  std::stable_sort(items.begin(), items.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> keys;
  for (const auto& [key, item] : items)
    keys.push_back(key);
  MarkerPage page = marker_page(keys, params);
  pugi::xml_node list = add_node(result, list_name);
  for (std::size_t i = page.begin; i < page.end; ++i)
    write(add_node(list, "member"), items[i].second);
  add_page_fields(result, page);
}

}  // namespace spawn::localcloud::iam
