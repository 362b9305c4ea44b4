// The one thread that runs the instance state machine's timed steps (a boot
// after the boot delay, the end of a stop, a purge after the retention time).
// Tasks wait in a priority queue ordered by due time; the thread sleeps on a
// condition variable until the earliest is due or a new one arrives, so nothing
// polls. Tasks run one at a time, never under the queue lock, so a task may
// schedule the next step and API threads never wait for a running task.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace spawn::localcloud {

class Scheduler {
 public:
  using Task = std::function<void()>;

  Scheduler();
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs `task` on the scheduler thread once `delay` has passed (tasks due at the same
  // time run in the order they were scheduled). Ignored once stopped.
  void after(std::chrono::milliseconds delay, Task task);
  // Drops every pending task, then runs `work` on the calling thread while no task runs.
  void drop_pending_then(const std::function<void()>& work);
  // Drops pending tasks and ends the thread, after the running task (if any) finishes.
  void stop();

 private:
  struct Entry {
    std::chrono::steady_clock::time_point due;
    std::uint64_t sequence;
    std::uint64_t generation;
    Task task;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      return a.due != b.due ? a.due > b.due : a.sequence > b.sequence;
    }
  };

  void run();
  // Waits for the next due task; false once stopping.
  bool next(Entry& entry);

  std::mutex queue_mutex_;
  std::condition_variable wake_;
  std::priority_queue<Entry, std::vector<Entry>, Later> queue_;
  std::uint64_t sequence_ = 0;
  std::uint64_t generation_ = 0;  // raised when pending tasks are dropped
  bool stopping_ = false;
  // Held while a task runs, so drop_pending_then() never overlaps one.
  std::mutex run_mutex_;
  std::thread thread_;
};

}  // namespace spawn::localcloud
