#include "spawn/ui/catalog.hpp"

#include <gtest/gtest.h>

namespace spawn::ui {
namespace {

// Installs a Spanish-ish catalog for one test and puts English back afterwards.
class TranslatedCatalog : public ::testing::Test {
 protected:
  void SetUp() override {
    use_catalog(Catalog(MessageTable{
        {"Hello", "Hola"},
        {"Account: {account}", "Cuenta: {account}"},
        {"Region: {region}", "Región: {regoin}"},  // a misspelt placeholder
        {"ARN: {arn}", "ARN: {arn"},               // a broken one
    }));
  }
  void TearDown() override { use_catalog(Catalog()); }
};

TEST(Catalog, EnglishAnswersTheMsgid) {
  Catalog english;
  EXPECT_EQ(english.lookup("Show this help"), "Show this help");
}

TEST(Catalog, AnswersTheTranslationAndFallsBackToEnglish) {
  Catalog catalog(MessageTable{{"Hello", "Hola"}});
  EXPECT_EQ(catalog.lookup("Hello"), "Hola");
  EXPECT_EQ(catalog.lookup("Goodbye"), "Goodbye");
}

TEST_F(TranslatedCatalog, TrUsesTheActiveCatalog) {
  EXPECT_EQ(tr("Hello"), "Hola");
  EXPECT_EQ(tr("Not in the catalog"), "Not in the catalog");
}

TEST_F(TranslatedCatalog, TrfFillsNamedPlaceholdersOfTheTranslation) {
  EXPECT_EQ(trf("Account: {account}", fmt::arg("account", "123456789012")), "Cuenta: 123456789012");
}

TEST_F(TranslatedCatalog, ATranslationWithAnUnknownPlaceholderFallsBackToEnglish) {
  EXPECT_EQ(trf("Region: {region}", fmt::arg("region", "eu-west-1")), "Region: eu-west-1");
}

TEST_F(TranslatedCatalog, ATranslationWithBrokenBracesFallsBackToEnglish) {
  EXPECT_EQ(trf("ARN: {arn}", fmt::arg("arn", "arn:aws:iam::1:user/a")),
            "ARN: arn:aws:iam::1:user/a");
}

TEST(Trf, AMsgidWhosePlaceholderIsNotGivenIsShownAsItIs) {
  EXPECT_EQ(trf("Waiting for {instance}", fmt::arg("other", 1)), "Waiting for {instance}");
}

TEST(Trf, FormatsNumbersAndStrings) {
  EXPECT_EQ(trf("{count} of {total} ready", fmt::arg("count", 2), fmt::arg("total", 3)),
            "2 of 3 ready");
}

TEST(LoadCatalog, TheEnglishCatalogIsCompiledIn) {
  auto english = load_catalog("en");
  ASSERT_TRUE(english) << english.error().message;
  EXPECT_GT(english->size(), 0u);
  EXPECT_EQ(english->lookup("Show this help"), "Show this help");
}

TEST(LoadCatalog, AnUnknownLanguageIsNotFound) {
  auto missing = load_catalog("xx");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
}

TEST(UseLanguage, ALanguageWithoutACatalogSpeaksEnglish) {
  use_language("ja");
  EXPECT_EQ(tr("Show this help"), "Show this help");
  use_language("en");
}

}  // namespace
}  // namespace spawn::ui
