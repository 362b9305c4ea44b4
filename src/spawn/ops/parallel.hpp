// Running independent AWS calls at the same time (ARCHITECTURE decision 7). The
// transport and credentials are thread-safe; each task brings its own client.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <thread>
#include <vector>

namespace spawn::ops {

// Runs every task on its own thread and returns when all have finished.
void run_all(std::vector<std::function<void()>> tasks);

// Calls `work(item)` for every item with at most `limit` running at once; the results in
// the order of `items`.
template <typename Item, typename Work>
auto map_parallel(const std::vector<Item>& items, std::size_t limit, Work work)
    -> std::vector<decltype(work(items.front()))> {
  using Output = decltype(work(items.front()));
  std::vector<std::optional<Output>> slots(items.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::function<void()>> workers;
  for (std::size_t i = 0; i < std::min(limit, items.size()); ++i) {
    workers.emplace_back([&] {
      for (std::size_t at = next++; at < items.size(); at = next++)
        slots[at].emplace(work(items[at]));
    });
  }
  run_all(std::move(workers));
  std::vector<Output> results;
  results.reserve(slots.size());
  for (auto& slot : slots)
    results.push_back(std::move(*slot));
  return results;
}

}  // namespace spawn::ops
