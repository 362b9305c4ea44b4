#include "gettext_tools.hpp"

#include <gtest/gtest.h>

#include "util/file.hpp"

namespace spawn::testing {

std::optional<platform::ProcessResult> run_tool(const std::vector<std::string>& argv) {
  auto result = platform::run_process(argv, {});
  if (!result) {
    ADD_FAILURE() << "could not run " << argv.front() << ": " << result.error().message
                  << " (GNU gettext's tools are needed: apt-get install gettext, or "
                     "scripts/install-deps.sh)";
    return std::nullopt;
  }
  if (result->exit_code != 0) {
    ADD_FAILURE() << argv.front() << " exited with " << result->exit_code << ":\n"
                  << result->error_output;
    return std::nullopt;
  }
  return *result;
}

std::optional<std::string> compile_po(const std::filesystem::path& po, const TempDir& scratch,
                                      const std::vector<std::string>& extra_flags) {
  std::filesystem::path mo = scratch.path() / (po.stem().string() + ".mo");
  std::vector<std::string> argv = {"msgfmt", "--check", "-o", mo.string()};
  argv.insert(argv.end(), extra_flags.begin(), extra_flags.end());
  argv.push_back(po.string());
  if (!run_tool(argv))
    return std::nullopt;
  auto bytes = read_file(mo);
  if (!bytes)
    ADD_FAILURE() << "msgfmt wrote no " << mo;
  return bytes ? std::optional(*bytes) : std::nullopt;
}

std::optional<ui::MessageTable> read_po(const std::filesystem::path& po, const TempDir& scratch) {
  auto bytes = compile_po(po, scratch);
  if (!bytes)
    return std::nullopt;
  auto table = ui::parse_mo(*bytes);
  if (!table)
    ADD_FAILURE() << "cannot read msgfmt's output for " << po << ": " << table.error().message;
  return table ? std::optional(*table) : std::nullopt;
}

std::optional<std::set<std::string>> msgids_of(const std::filesystem::path& po_or_pot,
                                               const TempDir& scratch) {
  std::filesystem::path filled = scratch.path() / (po_or_pot.stem().string() + "-filled.po");
  if (!run_tool({"msgen", "-o", filled.string(), po_or_pot.string()}))
    return std::nullopt;
  auto table = read_po(filled, scratch);
  if (!table)
    return std::nullopt;
  std::set<std::string> msgids;
  for (const auto& entry : *table)
    msgids.insert(entry.first);
  return msgids;
}

void PseudoLocalised::SetUp() {
  TempDir scratch;
  auto english = read_po(source_dir() / "locale" / "en.po", scratch);
  ASSERT_TRUE(english);
  for (auto& entry : *english)
    entry.second = "«" + entry.second + "»";
  ui::use_catalog(ui::Catalog(std::move(*english)));
}

std::filesystem::path source_dir() {
  return SPAWN_SOURCE_DIR;
}

}  // namespace spawn::testing
