#include "localcloud/app/serve_command.hpp"

int main(int argc, char** argv) {
  return spawn::localcloud::run_localcloud_cli(argc, argv);
}
