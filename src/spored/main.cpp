#include <nss.h>

#include <iostream>
#include <string>
#include <vector>

#include "spored/cli/cli.hpp"

int main(int argc, char** argv) {
  // spored is linked statically. glibc's "files" and "dns" lookups are built in, but any
  // other module the machine's nsswitch.conf names (resolve, myhostname, sss, systemd)
  // would be loaded from the machine's own, different, glibc, which can crash the process.
  ::__nss_configure_lookup("hosts", "files dns");
  ::__nss_configure_lookup("passwd", "files");
  spawn::ProcessEnvironment env;
  std::vector<std::string> args(argv + 1, argv + argc);
  return spawn::spored::run_cli(args, env, {std::cout, std::cerr});
}
