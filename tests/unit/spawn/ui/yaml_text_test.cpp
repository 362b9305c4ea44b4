// YAML output keeps types: strings that look like other things stay strings.
#include "spawn/ui/yaml_text.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace spawn::ui {
namespace {

TEST(YamlText, StringsThatLookLikeOtherTypesStayStrings) {
  nlohmann::ordered_json document = {{"a", "true"}, {"b", "08"}, {"c", "null"}, {"d", "x: y"}};
  YAML::Node node = YAML::Load(to_yaml(document));
  EXPECT_EQ(node["a"].as<std::string>(), "true");
  EXPECT_EQ(node["b"].as<std::string>(), "08");
  EXPECT_EQ(node["c"].as<std::string>(), "null");
  EXPECT_FALSE(node["c"].IsNull());
  EXPECT_EQ(node["d"].as<std::string>(), "x: y");
}

TEST(YamlText, KeepsKeyOrderNumbersBooleansAndNull) {
  nlohmann::ordered_json document = {{"z", 1}, {"a", true}, {"m", nullptr}, {"list", {1, 2}}};
  std::string text = to_yaml(document);
  EXPECT_LT(text.find("z:"), text.find("a:"));
  YAML::Node node = YAML::Load(text);
  EXPECT_EQ(node["z"].as<int>(), 1);
  EXPECT_TRUE(node["a"].as<bool>());
  EXPECT_TRUE(node["m"].IsNull());
  EXPECT_EQ(node["list"][1].as<int>(), 2);
}

TEST(YamlText, EmptyListIsAFlowSequence) {
  EXPECT_EQ(to_yaml(nlohmann::ordered_json::array()), "[]\n");
}

}  // namespace
}  // namespace spawn::ui
