#include <iostream>
#include <string>
#include <vector>

#include "platform/terminal.hpp"
#include "spawn/cli.hpp"
#include "spawn/ui/catalog.hpp"

int main(int argc, char** argv) {
  spawn::ProcessEnvironment env;
  std::vector<std::string> args(argv + 1, argv + argc);
  spawn::ui::use_language(spawn::cli::message_language(args, env));
  spawn::cli::Terminal terminal{spawn::platform::is_terminal(spawn::platform::Stream::in),
                                spawn::platform::is_terminal(spawn::platform::Stream::err),
                                spawn::platform::is_terminal(spawn::platform::Stream::out)};
  return spawn::cli::run(std::move(args), env, {std::cout, std::cerr, &std::cin}, terminal);
}
