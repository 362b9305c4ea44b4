// The message catalog: every user-facing string goes through tr() or trf().
// msgids are the English text itself (gettext's usual style), so English needs no
// lookup and a missing translation simply shows English. Catalogs are GNU .mo
// files compiled from locale/*.po and embedded at build time (cmake/Catalog.cmake).
#pragma once

#include <fmt/format.h>

#include <span>
#include <string>
#include <string_view>

#include "spawn/ui/mo_file.hpp"
#include "util/result.hpp"

namespace spawn::ui {

class Catalog {
 public:
  // The English catalog: every lookup answers its msgid.
  Catalog() = default;
  explicit Catalog(MessageTable messages) : messages_(std::move(messages)) {}

  // The translation of `msgid`, or `msgid` itself when there is none. The view lives as
  // long as the catalog, or as `msgid` for English.
  std::string_view lookup(std::string_view msgid) const;
  bool contains(std::string_view msgid) const { return messages_.contains(msgid); }
  std::size_t size() const { return messages_.size(); }

 private:
  MessageTable messages_;
};

// One catalog compiled into the binary.
struct EmbeddedCatalog {
  std::string_view language;  // "en", "es", ...
  std::string_view mo_bytes;
};

// The catalogs compiled in (generated at build time from locale/*.po).
std::span<const EmbeddedCatalog> embedded_catalogs();

// The embedded catalog for `language`; ErrorKind::not_found when none is compiled in.
Result<Catalog> load_catalog(std::string_view language);

// Makes `catalog` the one tr() answers from. Call at start-up, before any thread uses tr():
// views returned by tr() earlier become invalid.
void use_catalog(Catalog catalog);

// use_catalog() with the embedded catalog of `language`, or English when there is none.
void use_language(std::string_view language);

// The text to show for `msgid` in the active language.
std::string_view tr(std::string_view msgid);

// Marks a msgid for extraction without translating it (gettext's gettext_noop): for tables
// of msgids that are translated later with tr().
constexpr std::string_view N_(std::string_view msgid) {
  return msgid;
}

// tr(msgid) with fmt named arguments filled in. A translation whose placeholders do not
// match falls back to the English msgid; if that fails too the msgid is returned as is.
std::string format_message(std::string_view msgid, fmt::format_args args);

// trf("Account: {account}", fmt::arg("account", id)).
template <class... Args>
std::string trf(std::string_view msgid, const Args&... args) {
  return format_message(msgid, fmt::make_format_args(args...));
}

}  // namespace spawn::ui
