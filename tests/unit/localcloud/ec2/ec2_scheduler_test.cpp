#include "localcloud/services/ec2/ec2_scheduler.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <vector>

namespace spawn::localcloud {
namespace {

using std::chrono::milliseconds;

class Recorder {
 public:
  void add(int value) {
    {
      std::lock_guard lock(mutex_);
      values_.push_back(value);
    }
    changed_.notify_all();
  }
  // The values once `count` have arrived (or what arrived within the deadline).
  std::vector<int> wait_for(std::size_t count) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(5), [&] { return values_.size() >= count; });
    return values_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<int> values_;
};

TEST(Scheduler, RunsTasksInOrderOfDueTime) {
  Recorder recorder;  // outlives the scheduler's thread
  Scheduler scheduler;
  scheduler.after(milliseconds(40), [&] { recorder.add(3); });
  scheduler.after(milliseconds(0), [&] { recorder.add(1); });
  scheduler.after(milliseconds(20), [&] { recorder.add(2); });
  EXPECT_EQ(recorder.wait_for(3), (std::vector<int>{1, 2, 3}));
}

TEST(Scheduler, TasksMayScheduleFollowUps) {
  Recorder recorder;  // outlives the scheduler's thread
  Scheduler scheduler;
  scheduler.after(milliseconds(0), [&] {
    recorder.add(1);
    scheduler.after(milliseconds(1), [&] { recorder.add(2); });
  });
  EXPECT_EQ(recorder.wait_for(2), (std::vector<int>{1, 2}));
}

TEST(Scheduler, DroppedTasksNeverRun) {
  Recorder recorder;  // outlives the scheduler's thread
  Scheduler scheduler;
  scheduler.after(milliseconds(30), [&] { recorder.add(1); });
  scheduler.drop_pending_then([&] { recorder.add(0); });
  scheduler.after(milliseconds(60), [&] { recorder.add(2); });
  EXPECT_EQ(recorder.wait_for(2), (std::vector<int>{0, 2}));
}

TEST(Scheduler, StopEndsWithoutRunningPendingTasks) {
  Recorder recorder;
  {
    Scheduler scheduler;
    scheduler.after(std::chrono::hours(1), [&] { recorder.add(1); });
    scheduler.stop();
    scheduler.after(milliseconds(0), [&] { recorder.add(2); });
  }
  EXPECT_TRUE(recorder.wait_for(0).empty());
}

}  // namespace
}  // namespace spawn::localcloud
