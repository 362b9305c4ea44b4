#include "aws/xml.hpp"

#include <fmt/format.h>

#include <charconv>

#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::aws::xml {

Result<std::unique_ptr<pugi::xml_document>> parse(std::string_view text, std::string_view what) {
  auto document = std::make_unique<pugi::xml_document>();
  pugi::xml_parse_result parsed =
      document->load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return fail(ErrorKind::parse, fmt::format("{}: the answer is not valid XML ({} at byte {})",
                                              what, parsed.description(), parsed.offset));
  }
  return document;
}

std::string_view local_name(pugi::xml_node node) {
  std::string_view name = node.name();
  std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

namespace {

pugi::xml_node first_child_named(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node node : parent.children()) {
    if (node.type() == pugi::node_element && local_name(node) == name)
      return node;
  }
  return {};
}

}  // namespace

pugi::xml_node child(pugi::xml_node parent, std::string_view path) {
  pugi::xml_node node = parent;
  for (const std::string& step : split(path, '/')) {
    node = first_child_named(node, step);
    if (!node)
      return {};
  }
  return node;
}

std::vector<pugi::xml_node> children(pugi::xml_node parent, std::string_view name) {
  std::vector<pugi::xml_node> found;
  for (pugi::xml_node node : parent.children()) {
    if (node.type() == pugi::node_element && local_name(node) == name)
      found.push_back(node);
  }
  return found;
}

std::vector<pugi::xml_node> list(pugi::xml_node parent, std::string_view path) {
  std::vector<pugi::xml_node> entries;
  for (pugi::xml_node node : child(parent, path).children()) {
    std::string_view name = local_name(node);
    if (node.type() == pugi::node_element && (name == "item" || name == "member")) {
      entries.push_back(node);
    }
  }
  return entries;
}

std::string text(pugi::xml_node parent, std::string_view path) {
  return child(parent, path).text().get();
}

std::optional<std::string> optional_text(pugi::xml_node parent, std::string_view path) {
  pugi::xml_node node = child(parent, path);
  if (!node)
    return std::nullopt;
  return std::string(node.text().get());
}

std::optional<std::int64_t> integer(pugi::xml_node parent, std::string_view path) {
  std::string_view value = trim(child(parent, path).text().get());
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || error != std::errc{} || end != value.data() + value.size()) {
    return std::nullopt;
  }
  return number;
}

std::optional<bool> boolean(pugi::xml_node parent, std::string_view path) {
  std::string_view value = trim(child(parent, path).text().get());
  if (value == "true")
    return true;
  if (value == "false")
    return false;
  return std::nullopt;
}

std::optional<SystemTime> timestamp(pugi::xml_node parent, std::string_view path) {
  auto parsed = parse_iso8601(trim(child(parent, path).text().get()));
  if (!parsed)
    return std::nullopt;
  return *parsed;
}

}  // namespace spawn::aws::xml
