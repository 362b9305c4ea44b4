// Small readers for AWS XML answers. AWS documents carry a default namespace
// (xmlns="http://ec2.amazonaws.com/doc/2016-11-15/") and, from some servers, a
// prefix ("ec2:item"); pugixml keeps names as written, so every lookup here
// compares local names only. Absent or malformed values read as empty/nullopt:
// callers decide what is required.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::aws::xml {

// Parses `text`; on failure the ErrorKind::parse message names `what` ("ec2 DescribeInstances").
Result<std::unique_ptr<pugi::xml_document>> parse(std::string_view text, std::string_view what);

// The element name without its namespace prefix ("ec2:item" -> "item").
std::string_view local_name(pugi::xml_node node);

// The first element along the '/'-separated `path` of local names ("instanceState/name");
// an empty node when any step is missing.
pugi::xml_node child(pugi::xml_node parent, std::string_view path);

// Every direct child element of `parent` whose local name is `name` (S3's flattened lists).
std::vector<pugi::xml_node> children(pugi::xml_node parent, std::string_view name);

// The entries of the list element at `path`: its <item> (EC2) or <member> (query) children.
std::vector<pugi::xml_node> list(pugi::xml_node parent, std::string_view path);

// The text of the element at `path`, or "" when absent.
std::string text(pugi::xml_node parent, std::string_view path);
// The text of the element at `path`, or nullopt when the element is absent.
std::optional<std::string> optional_text(pugi::xml_node parent, std::string_view path);
// The element at `path` read as a decimal integer.
std::optional<std::int64_t> integer(pugi::xml_node parent, std::string_view path);
// The element at `path` read as "true" or "false".
std::optional<bool> boolean(pugi::xml_node parent, std::string_view path);
// The element at `path` read as an ISO-8601 timestamp.
std::optional<SystemTime> timestamp(pugi::xml_node parent, std::string_view path);

}  // namespace spawn::aws::xml
