#include <ostream>

#include "core/version.hpp"
#include "spored/cli/commands.hpp"

namespace spawn::spored {

Action setup_version(CLI::App& /*command*/) {
  return [](const Environment&, Streams streams) {
    streams.out << "spored version " << kVersion << "\n";
    return 0;
  };
}

}  // namespace spawn::spored
