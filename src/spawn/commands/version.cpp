#include "spawn/commands/version.hpp"

#include "core/version.hpp"
#include "spawn/commands/command_table.hpp"

namespace spawn::cli {

void print_version(std::ostream& out) {
  out << "spawn " << kVersion << '\n';
}

Handler setup_version(CLI::App&) {
  return [](Context& context) -> Result<void> {
    print_version(context.out());
    return {};
  };
}

}  // namespace spawn::cli
