// Test helpers around GNU gettext's command-line tools: a temporary folder, running
// a tool (failing the test with an install hint when it is missing), and reading the
// msgids of a PO or POT file through msgen + msgfmt and our own .mo reader.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "platform/process.hpp"
#include "spawn/ui/catalog.hpp"
#include "spawn/ui/mo_file.hpp"
#include "temp_dir.hpp"

namespace spawn::testing {

// Runs a tool and returns its result; adds a test failure naming the missing package when
// it cannot be started, and one with its stderr when it exits non-zero.
std::optional<platform::ProcessResult> run_tool(const std::vector<std::string>& argv);

// Compiles `po` with `msgfmt --check` (plus `extra_flags`) and returns the .mo bytes.
std::optional<std::string> compile_po(const std::filesystem::path& po, const TempDir& scratch,
                                      const std::vector<std::string>& extra_flags = {});

// The translations in `po`, compiled by msgfmt and read back with ui::parse_mo.
std::optional<ui::MessageTable> read_po(const std::filesystem::path& po, const TempDir& scratch);

// Every msgid of a PO or POT file (msgen fills in the translations first).
std::optional<std::set<std::string>> msgids_of(const std::filesystem::path& po_or_pot,
                                               const TempDir& scratch);

// Pseudo-localisation: every message of locale/en.po wrapped in « ». With it installed,
// any text on screen without the marks did not come from the catalog.
class PseudoLocalised : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override { ui::use_catalog(ui::Catalog()); }
};

// The source tree, from SPAWN_SOURCE_DIR.
std::filesystem::path source_dir();

}  // namespace spawn::testing
