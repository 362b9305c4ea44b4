#include "spawn/ui/language.hpp"

#include <gtest/gtest.h>

namespace spawn::ui {
namespace {

TEST(NormaliseLanguage, DropsRegionAndEncoding) {
  EXPECT_EQ(normalise_language("en_US.UTF-8"), "en");
  EXPECT_EQ(normalise_language("es-MX"), "es");
  EXPECT_EQ(normalise_language("de:en"), "de");
  EXPECT_EQ(normalise_language("FR_fr"), "fr");
  EXPECT_EQ(normalise_language("ja_JP.eucJP@cjknarrow"), "ja");
  EXPECT_EQ(normalise_language("pt"), "pt");
}

TEST(NormaliseLanguage, UnsupportedLocalesAreEnglish) {
  EXPECT_EQ(normalise_language("C"), "en");
  EXPECT_EQ(normalise_language("POSIX"), "en");
  EXPECT_EQ(normalise_language("zh_CN.UTF-8"), "en");
  EXPECT_EQ(normalise_language(""), "en");
}

MapEnvironment every_setting() {
  return MapEnvironment({{"SPAWN_LANG", "es"},
                         {"TRUFFLE_LANG", "fr"},
                         {"LANG", "de_DE.UTF-8"},
                         {"LC_ALL", "ja_JP.UTF-8"},
                         {"LANGUAGE", "pt:en"}});
}

TEST(DetectLanguage, TheFlagWinsOverEverything) {
  EXPECT_EQ(detect_language(std::string("fr"), every_setting()), "fr");
}

TEST(DetectLanguage, EachVariableWinsOverTheOnesAfterIt) {
  auto env = every_setting();
  EXPECT_EQ(detect_language(std::nullopt, env), "es");
  env.unset("SPAWN_LANG");
  EXPECT_EQ(detect_language(std::nullopt, env), "fr");
  env.unset("TRUFFLE_LANG");
  EXPECT_EQ(detect_language(std::nullopt, env), "de");  // LANG before LC_ALL, as the original
  env.unset("LANG");
  EXPECT_EQ(detect_language(std::nullopt, env), "ja");
  env.unset("LC_ALL");
  EXPECT_EQ(detect_language(std::nullopt, env), "pt");  // first entry of LANGUAGE
  env.unset("LANGUAGE");
  EXPECT_EQ(detect_language(std::nullopt, env), "en");
}

TEST(DetectLanguage, EmptyValuesAreSkipped) {
  MapEnvironment env({{"SPAWN_LANG", ""}, {"LANG", "de_DE"}});
  EXPECT_EQ(detect_language(std::string(""), env), "de");
}

TEST(DetectLanguage, TheFirstSettingDecidesEvenWhenUnsupported) {
  MapEnvironment env({{"LANG", "C.UTF-8"}, {"LC_ALL", "fr_FR"}});
  EXPECT_EQ(detect_language(std::nullopt, env), "en");
}

}  // namespace
}  // namespace spawn::ui
