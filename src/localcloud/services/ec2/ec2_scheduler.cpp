#include "localcloud/services/ec2/ec2_scheduler.hpp"

namespace spawn::localcloud {

Scheduler::Scheduler() : thread_([this] { run(); }) {}

Scheduler::~Scheduler() {
  stop();
}

void Scheduler::after(std::chrono::milliseconds delay, Task task) {
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_)
      return;
    queue_.push(
        Entry{std::chrono::steady_clock::now() + delay, sequence_++, generation_, std::move(task)});
  }
  wake_.notify_one();
}

void Scheduler::drop_pending_then(const std::function<void()>& work) {
  std::lock_guard run_lock(run_mutex_);
  {
    std::lock_guard lock(queue_mutex_);
    queue_ = {};
    ++generation_;
  }
  work();
}

void Scheduler::stop() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
    queue_ = {};
    ++generation_;
  }
  wake_.notify_one();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id())
    thread_.join();
}

bool Scheduler::next(Entry& entry) {
  std::unique_lock lock(queue_mutex_);
  while (!stopping_) {
    if (queue_.empty()) {
      wake_.wait(lock);
    } else if (auto due = queue_.top().due; std::chrono::steady_clock::now() < due) {
      wake_.wait_until(lock, due);
    } else {
      entry = std::move(const_cast<Entry&>(queue_.top()));
      queue_.pop();
      return true;
    }
  }
  return false;
}

void Scheduler::run() {
  Entry entry;
  while (next(entry)) {
    std::lock_guard run_lock(run_mutex_);
    bool dropped = false;
    {
      std::lock_guard lock(queue_mutex_);
      dropped = entry.generation != generation_;
    }
    if (!dropped)
      entry.task();
    entry.task = nullptr;
  }
}

}  // namespace spawn::localcloud
