// Documents are kept in the EC2 model's member names, so most of an answer is a
// mechanical rename: a member becomes its locationName, which is its name with
// a lower-case first letter except where the model says otherwise
// (PublicIpAddress is <ipAddress>, State is <instanceState>). Objects become
// elements, arrays become <item> lists, and "Tags" objects become EC2's tagSet.
#pragma once

#include <initializer_list>
#include <map>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

// Element names that are not the member's lowerCamel spelling, by member path from the
// document root without array levels: {"/State", "instanceState"},
// {"/Attachments/State", "status"}.
using XmlNames = std::map<std::string, std::string, std::less<>>;

// Appends the `members` of `document` that are present, in that order, as EC2 spells them.
void add_members(pugi::xml_node parent, const Json& document,
                 std::initializer_list<std::string_view> members, const XmlNames& names);

// Appends every member of `document` in its own order (nested structures, list items).
void add_all_members(pugi::xml_node parent, const Json& document, const XmlNames& names,
                     std::string_view path = "");

}  // namespace spawn::localcloud
