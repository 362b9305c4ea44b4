#include "spawn/ui/catalog.hpp"

#include <algorithm>

namespace spawn::ui {

namespace {

Catalog& active_catalog() {
  static Catalog catalog;
  return catalog;
}

}  // namespace

std::string_view Catalog::lookup(std::string_view msgid) const {
  auto found = messages_.find(msgid);
  return found == messages_.end() ? msgid : std::string_view(found->second);
}

Result<Catalog> load_catalog(std::string_view language) {
  auto catalogs = embedded_catalogs();
  auto found = std::find_if(catalogs.begin(), catalogs.end(),
                            [&](const EmbeddedCatalog& c) { return c.language == language; });
  if (found == catalogs.end()) {
    return fail(ErrorKind::not_found, "no message catalog for language " + std::string(language));
  }
  auto messages = parse_mo(found->mo_bytes);
  if (!messages)
    return std::unexpected(messages.error());
  return Catalog(std::move(*messages));
}

void use_catalog(Catalog catalog) {
  active_catalog() = std::move(catalog);
}

void use_language(std::string_view language) {
  use_catalog(load_catalog(language).value_or(Catalog()));
}

std::string_view tr(std::string_view msgid) {
  return active_catalog().lookup(msgid);
}

std::string format_message(std::string_view msgid, fmt::format_args args) {
  try {
    return fmt::vformat(tr(msgid), args);
  } catch (const fmt::format_error&) {
  }
  try {
    return fmt::vformat(msgid, args);
  } catch (const fmt::format_error&) {
  }
  return std::string(msgid);
}

}  // namespace spawn::ui
