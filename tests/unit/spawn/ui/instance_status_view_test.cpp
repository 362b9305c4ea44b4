// `spawn status`'s text and document: the tags' limits in words, and spored's
// report (or why it could not be had).
#include "spawn/ui/instance_status_view.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../ops/managed_instance_builder.hpp"
#include "spawn/ui/time_text.hpp"

namespace spawn::ui {
namespace {

using std::chrono::hours;
using ::testing::HasSubstr;
using testing::kTestNow;
using testing::managed;

ops::ManagedInstance batch_job() {
  return managed("i-0abc", "running", kTestNow - hours(1))
      .tagged("Name", "batch")
      .tagged("spawn:ttl", "4h")
      .tagged("spawn:idle-timeout", "1h")
      .tagged("spawn:idle-cpu", "10")
      .tagged("spawn:on-complete", "terminate")
      .tagged("spawn:completion-file", "/app/done")
      .tagged("spawn:completion-delay", "1m")
      .tagged("spawn:hibernate-on-idle", "true")
      .tagged("spawn:last-stop-reason", "user-stopped")
      .tagged("spawn:last-stop-time", "2025-12-31T20:00:00Z")
      .public_ip("203.0.113.7");
}

TEST(StatusText, ShowsTheLimitsAndTheDeadline) {
  std::string text = render_status_text(batch_job(), kTestNow, {"", ""});
  EXPECT_THAT(text, HasSubstr("Instance:          i-0abc\n"));
  EXPECT_THAT(text, HasSubstr("Name:              batch\n"));
  EXPECT_THAT(text, HasSubstr("TTL:               4h, ends " +
                              local_time_text(kTestNow + hours(3)) + " (in 3h)\n"));
  EXPECT_THAT(text, HasSubstr("Idle timeout:      1h (idle below 10% CPU)\n"));
  EXPECT_THAT(text, HasSubstr("Hibernate on idle: yes\n"));
  EXPECT_THAT(text, HasSubstr("On complete:       terminate when /app/done appears, after 1m\n"));
  EXPECT_THAT(text, HasSubstr("Last stop:         user-stopped, "));
  EXPECT_THAT(text, HasSubstr("(4h ago)\n"));
}

TEST(StatusText, AgentOutputIsIndentedUnderItsHeading) {
  std::string text =
      render_status_text(batch_job(), kTestNow, {"spored 0.1.0\nTTL: 3h left\n", ""});
  EXPECT_THAT(text, HasSubstr("Agent (spored status):\n  spored 0.1.0\n  TTL: 3h left\n"));
}

TEST(StatusText, AnUnreachableAgentSaysWhy) {
  std::string text = render_status_text(batch_job(), kTestNow, {std::nullopt, "no SSH key"});
  EXPECT_THAT(text, HasSubstr("Agent: not reachable (no SSH key)\n"));
}

TEST(StatusText, WithoutLimitsSaysNone) {
  std::string text = render_status_text(managed("i-1", "running"), kTestNow, {std::nullopt, "x"});
  EXPECT_THAT(text, HasSubstr("TTL:               none\n"));
  EXPECT_THAT(text, HasSubstr("On complete:       none\n"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("Last stop")));
}

TEST(StatusDocument, HasTheListKeysTheLimitsAndTheAgent) {
  auto document = status_document(batch_job(), kTestNow, {std::nullopt, "no SSH key"});
  EXPECT_EQ(document["instance_id"], "i-0abc");
  EXPECT_EQ(document["deadline"], "2026-01-01T03:00:00Z");
  EXPECT_EQ(document["on_complete"], "terminate");
  EXPECT_EQ(document["hibernate_on_idle"], true);
  EXPECT_EQ(document["agent"]["reachable"], false);
  EXPECT_EQ(document["agent"]["reason"], "no SSH key");
}

}  // namespace
}  // namespace spawn::ui
