#include "spawn/context.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "fake_session.hpp"

namespace spawn::cli {
namespace {

struct ContextTest : ::testing::Test {
  GlobalOptions options;
  MapEnvironment env;
  std::ostringstream out, err;
  int sessions_made = 0;

  SessionFactory counting_factory() {
    return [this]() -> Result<std::unique_ptr<aws::Session>> {
      ++sessions_made;
      return std::make_unique<testing::FakeSession>();
    };
  }
};

TEST_F(ContextTest, TheSessionIsMadeOnFirstUseOnly) {
  Context context(options, env, {out, err}, counting_factory());
  EXPECT_EQ(sessions_made, 0);
  auto first = context.session();
  auto second = context.session();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, *second);
  EXPECT_EQ(sessions_made, 1);
}

TEST_F(ContextTest, AFailedSessionIsReported) {
  Context context(options, env, {out, err}, [] -> Result<std::unique_ptr<aws::Session>> {
    return fail(ErrorKind::usage, "no region");
  });
  auto session = context.session();
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error().message, "no region");
}

TEST_F(ContextTest, ACommandThatNeedsNothingGetsNoSession) {
  Context context(options, env, {out, err}, {});
  EXPECT_FALSE(context.session());
}

}  // namespace
}  // namespace spawn::cli
