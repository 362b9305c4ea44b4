#include "localcloud/services/ec2/ec2_json_xml.hpp"

#include <cctype>

#include "localcloud/api/responses.hpp"
#include "localcloud/services/ec2/ec2_request.hpp"

namespace spawn::localcloud {
namespace {

std::string lower_camel(std::string_view member) {
  std::string name(member);
  if (!name.empty())
    name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

std::string element_name(std::string_view path, std::string_view member, const XmlNames& names) {
  auto renamed = names.find(path);
  return renamed != names.end() ? renamed->second : lower_camel(member);
}

std::string scalar_text(const Json& value) {
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_boolean())
    return value.get<bool>() ? "true" : "false";
  return value.dump();
}

void add_value(pugi::xml_node node, const Json& value, const XmlNames& names,
               const std::string& path) {
  if (value.is_object()) {
    add_all_members(node, value, names, path);
  } else if (value.is_array()) {
    for (const Json& element : value)
      add_value(add_node(node, "item"), element, names, path);
  } else {
    node.text().set(scalar_text(value).c_str());
  }
}

void add_member(pugi::xml_node parent, std::string_view member, const Json& value,
                const XmlNames& names, std::string_view parent_path) {
  if (value.is_null())
    return;
  if (member == "Tags" && value.is_object()) {
    add_tag_set(parent, Json{{"Tags", value}});
    return;
  }
  std::string path = std::string(parent_path) + "/" + std::string(member);
  add_value(add_node(parent, element_name(path, member, names)), value, names, path);
}

}  // namespace

void add_members(pugi::xml_node parent, const Json& document,
                 std::initializer_list<std::string_view> members, const XmlNames& names) {
  for (std::string_view member : members) {
    auto value = document.find(member);
    if (value != document.end())
      add_member(parent, member, *value, names, "");
  }
}

void add_all_members(pugi::xml_node parent, const Json& document, const XmlNames& names,
                     std::string_view path) {
  for (const auto& [member, value] : document.items())
    add_member(parent, member, value, names, path);
}

}  // namespace spawn::localcloud
