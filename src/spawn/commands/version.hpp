// `spawn version` and `spawn --version`.
#pragma once

#include <ostream>

namespace spawn::cli {

// Writes "spawn 0.1.0" and a newline.
void print_version(std::ostream& out);

}  // namespace spawn::cli
