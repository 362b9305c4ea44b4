#include "platform/terminal.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace spawn::platform {
namespace {

MapEnvironment terminal_env() {
  MapEnvironment env;
  env.set("TERM", "xterm-256color");
  return env;
}

TEST(ChooseColour, OnForATerminalWithNoReasonAgainst) {
  EXPECT_EQ(choose_colour(terminal_env(), IsTerminal::yes, Accessibility::off), Colour::on);
}

TEST(ChooseColour, OffWhenNotATerminal) {
  EXPECT_EQ(choose_colour(terminal_env(), IsTerminal::no, Accessibility::off), Colour::off);
}

TEST(ChooseColour, OffWithNoColorSetToAnything) {
  auto env = terminal_env();
  env.set("NO_COLOR", "1");
  EXPECT_EQ(choose_colour(env, IsTerminal::yes, Accessibility::off), Colour::off);
}

TEST(ChooseColour, EmptyNoColorIsIgnored) {
  auto env = terminal_env();
  env.set("NO_COLOR", "");
  EXPECT_EQ(choose_colour(env, IsTerminal::yes, Accessibility::off), Colour::on);
}

TEST(ChooseColour, OffForADumbTerminal) {
  MapEnvironment env;
  env.set("TERM", "dumb");
  EXPECT_EQ(choose_colour(env, IsTerminal::yes, Accessibility::off), Colour::off);
}

TEST(ChooseColour, OffInAccessibilityMode) {
  EXPECT_EQ(choose_colour(terminal_env(), IsTerminal::yes, Accessibility::on), Colour::off);
}

// Points stdout at another descriptor for the life of the object.
class StdoutRedirect {
 public:
  explicit StdoutRedirect(int target) : saved_(dup(STDOUT_FILENO)) {
    std::fflush(stdout);
    dup2(target, STDOUT_FILENO);
  }
  ~StdoutRedirect() {
    std::fflush(stdout);
    dup2(saved_, STDOUT_FILENO);
    close(saved_);
  }
  StdoutRedirect(const StdoutRedirect&) = delete;
  StdoutRedirect& operator=(const StdoutRedirect&) = delete;

 private:
  int saved_;
};

TEST(TerminalProbe, AFileIsNotATerminalAndHasNoWidth) {
  int null_fd = open("/dev/null", O_WRONLY);
  ASSERT_GE(null_fd, 0);
  {
    StdoutRedirect redirect(null_fd);
    EXPECT_EQ(is_terminal(Stream::out), IsTerminal::no);
    EXPECT_EQ(terminal_width(Stream::out), std::nullopt);
  }
  close(null_fd);
}

TEST(TerminalProbe, APseudoTerminalReportsItsWidth) {
  int master = posix_openpt(O_RDWR | O_NOCTTY);
  if (master < 0)
    GTEST_SKIP() << "no pseudo-terminals on this machine";
  ASSERT_EQ(grantpt(master), 0);
  ASSERT_EQ(unlockpt(master), 0);
  int pty = open(ptsname(master), O_RDWR | O_NOCTTY);
  ASSERT_GE(pty, 0);
  winsize size{};
  size.ws_col = 123;
  size.ws_row = 40;
  ASSERT_EQ(ioctl(pty, TIOCSWINSZ, &size), 0);
  {
    StdoutRedirect redirect(pty);
    EXPECT_EQ(is_terminal(Stream::out), IsTerminal::yes);
    EXPECT_EQ(terminal_width(Stream::out), 123);
  }
  close(pty);
  close(master);
}

}  // namespace
}  // namespace spawn::platform
