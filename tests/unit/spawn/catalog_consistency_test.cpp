// The catalogs must match the code: every translatable string is in locale/spawn.pot,
// the template holds nothing stale, every PO compiles with msgfmt --check, English is
// complete, and no translation changes the placeholders its code fills in.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "gettext_tools.hpp"
#include "spawn/ui/catalog.hpp"
#include "util/strings.hpp"

namespace spawn::ui {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

fs::path locale_dir() {
  return testing::source_dir() / "locale";
}

std::vector<fs::path> po_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(locale_dir())) {
    if (entry.path().extension() == ".po")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> spawn_sources() {
  std::vector<std::string> sources;
  for (const auto& entry : fs::recursive_directory_iterator(testing::source_dir() / "src/spawn")) {
    auto extension = entry.path().extension();
    if (extension == ".cpp" || extension == ".hpp")
      sources.push_back(entry.path().string());
  }
  std::sort(sources.begin(), sources.end());
  return sources;
}

// {name} placeholders; "{{" is a literal brace.
std::multiset<std::string> placeholders(std::string_view text) {
  std::multiset<std::string> names;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] != '{')
      continue;
    if (at + 1 < text.size() && text[at + 1] == '{') {
      ++at;
      continue;
    }
    std::size_t end = text.find('}', at);
    names.insert(std::string(text.substr(at + 1, end - at - 1)));
    if (end == std::string_view::npos)
      break;
    at = end;
  }
  return names;
}

std::string listed(const std::set<std::string>& items) {
  return join(std::vector<std::string>(items.begin(), items.end()), "\n  ");
}

TEST(CatalogConsistency, TheTemplateHoldsExactlyTheStringsOfTheSources) {
  TempDir scratch;
  fs::path fresh = scratch.path() / "fresh.pot";
  std::vector<std::string> argv = split(SPAWN_XGETTEXT_OPTIONS, ',');
  argv.insert(argv.begin(), "xgettext");
  argv.insert(argv.end(), {"-o", fresh.string()});
  auto sources = spawn_sources();
  argv.insert(argv.end(), sources.begin(), sources.end());
  ASSERT_TRUE(testing::run_tool(argv));

  auto expected = testing::msgids_of(fresh, scratch);
  auto shipped = testing::msgids_of(locale_dir() / "spawn.pot", scratch);
  ASSERT_TRUE(expected && shipped);
  std::set<std::string> missing, stale;
  std::set_difference(expected->begin(), expected->end(), shipped->begin(), shipped->end(),
                      std::inserter(missing, missing.end()));
  std::set_difference(shipped->begin(), shipped->end(), expected->begin(), expected->end(),
                      std::inserter(stale, stale.end()));
  EXPECT_TRUE(missing.empty() && stale.empty())
      << "locale/spawn.pot is out of date; run `make pot` (see docs/translating.md).\n"
      << "Missing from it:\n  " << listed(missing) << "\nNo longer in the code:\n  "
      << listed(stale);
}

TEST(CatalogConsistency, EveryPoCompilesWithMsgfmtCheck) {
  TempDir scratch;
  ASSERT_FALSE(po_files().empty());
  for (const auto& po : po_files()) {
    EXPECT_TRUE(testing::compile_po(po, scratch)) << po;
  }
}

TEST(CatalogConsistency, EnglishTranslatesEveryMessageToItself) {
  TempDir scratch;
  auto msgids = testing::msgids_of(locale_dir() / "spawn.pot", scratch);
  auto english = testing::read_po(locale_dir() / "en.po", scratch);
  ASSERT_TRUE(msgids && english);
  for (const auto& msgid : *msgids) {
    auto found = english->find(msgid);
    ASSERT_NE(found, english->end()) << "en.po lacks: " << msgid << " (run `make pot`)";
    EXPECT_EQ(found->second, msgid);
  }
}

TEST(CatalogConsistency, EveryTranslationKeepsThePlaceholdersOfItsMsgid) {
  TempDir scratch;
  for (const auto& po : po_files()) {
    auto messages = testing::read_po(po, scratch);
    ASSERT_TRUE(messages);
    for (const auto& [msgid, msgstr] : *messages) {
      EXPECT_EQ(placeholders(msgid), placeholders(msgstr))
          << po.filename() << ": \"" << msgid << "\" -> \"" << msgstr << '"';
    }
  }
}

TEST(CatalogConsistency, EveryPoIsCompiledIntoTheBinary) {
  std::set<std::string> on_disk, embedded;
  for (const auto& po : po_files())
    on_disk.insert(po.stem().string());
  for (const auto& catalog : embedded_catalogs()) {
    embedded.insert(std::string(catalog.language));
    EXPECT_TRUE(parse_mo(catalog.mo_bytes)) << catalog.language;
  }
  EXPECT_EQ(on_disk, embedded);
}

}  // namespace
}  // namespace spawn::ui
