#include "spawn/ui/yaml_text.hpp"

#include <yaml-cpp/yaml.h>

namespace spawn::ui {

namespace {

void emit(YAML::Emitter& out, const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [key, member] : value.items()) {
        out << YAML::Key << key << YAML::Value;
        emit(out, member);
      }
      out << YAML::EndMap;
      return;
    case nlohmann::json::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& item : value)
        emit(out, item);
      out << YAML::EndSeq;
      return;
    case nlohmann::json::value_t::string:
      // Strings that would read back as another type (true, 12, null) are quoted.
      out << YAML::DoubleQuoted << value.get<std::string>();
      return;
    case nlohmann::json::value_t::boolean: out << value.get<bool>(); return;
    case nlohmann::json::value_t::null: out << YAML::Null; return;
    default: out << value.dump(); return;  // numbers, in JSON's spelling
  }
}

}  // namespace

std::string to_yaml(const nlohmann::ordered_json& document) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, document);
  std::string text = out.c_str();
  return text + "\n";
}

}  // namespace spawn::ui
