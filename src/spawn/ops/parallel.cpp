#include "spawn/ops/parallel.hpp"

namespace spawn::ops {

void run_all(std::vector<std::function<void()>> tasks) {
  if (tasks.size() == 1) {
    tasks.front()();
    return;
  }
  std::vector<std::jthread> threads;
  threads.reserve(tasks.size());
  for (auto& task : tasks)
    threads.emplace_back(std::move(task));
}

}  // namespace spawn::ops
