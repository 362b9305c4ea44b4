// spored's command line: `spored run|complete|status|reload|version|help`. Each
// command is one file beside this one and registers its own flags.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "util/env.hpp"

namespace spawn::spored {

struct Streams {
  std::ostream& out;
  std::ostream& err;
};

// Runs spored with `args` (the program name left out) and returns the exit code:
// 0 success, 1 failure, 2 usage error (including no command at all).
int run_cli(const std::vector<std::string>& args, const Environment& env, Streams streams);

}  // namespace spawn::spored
