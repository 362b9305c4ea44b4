// YAML for `--output yaml`: the same document the JSON output prints, written
// with yaml-cpp's emitter so quoting (values like "yes", "08", ":") is right.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace spawn::ui {

// `document` as block-style YAML, ending in '\n'; keys keep their order.
std::string to_yaml(const nlohmann::ordered_json& document);

}  // namespace spawn::ui
