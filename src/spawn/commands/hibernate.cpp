// `spawn hibernate <id-or-name>` (alias `sleep`): like `spawn stop`, but EC2 saves
// the memory to the root volume and `spawn start` resumes where it left off. Only
// instances launched with --hibernate can; for others it refuses before calling EC2.
#include "spawn/commands/stop.hpp"

namespace spawn::cli {

Handler setup_hibernate(CLI::App& command) {
  return setup_stopping(command, ops::StopKind::hibernate);
}

}  // namespace spawn::cli
