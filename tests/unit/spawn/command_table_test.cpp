#include "spawn/commands/command_table.hpp"

#include <gtest/gtest.h>

#include <set>

#include "spawn/ui/catalog.hpp"

namespace spawn::cli {
namespace {

TEST(CommandTable, NoNameOrAliasIsUsedTwice) {
  std::set<std::string_view> seen;
  for (const Command& command : command_table()) {
    EXPECT_TRUE(seen.insert(command.name).second) << command.name;
    for (std::string_view alias : command.aliases) {
      EXPECT_TRUE(seen.insert(alias).second) << alias;
    }
  }
}

TEST(CommandTable, EverySummaryIsACatalogMessage) {
  auto english = ui::load_catalog("en");
  ASSERT_TRUE(english) << english.error().message;
  for (const Command& command : command_table()) {
    EXPECT_FALSE(command.summary.empty()) << command.name;
    EXPECT_TRUE(english->contains(command.summary))
        << command.name << ": \"" << command.summary << "\" is not in locale/en.po";
  }
}

TEST(CommandTable, EveryCommandHasASetup) {
  for (const Command& command : command_table())
    EXPECT_NE(command.setup, nullptr) << command.name;
}

TEST(CommandTable, OnlyCommandsThatCallAwsNeedAws) {
  EXPECT_EQ(find_command("help")->needs, Needs::nothing);
  EXPECT_EQ(find_command("version")->needs, Needs::nothing);
  EXPECT_EQ(find_command("whoami")->needs, Needs::aws);
}

TEST(FindCommand, UnknownNamesAreNotFound) {
  EXPECT_EQ(find_command("nosuch"), nullptr);
  EXPECT_EQ(find_command(""), nullptr);
}

}  // namespace
}  // namespace spawn::cli
