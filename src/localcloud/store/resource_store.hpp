// Every resource localcloud keeps (instances, VPCs, roles, buckets, ...) is a
// JSON document addressed by (region, kind, id); global resources (IAM) use the
// region "". Documents live in memory for speed (DescribeInstances over a
// thousand instances is a read of a map) and are written through to SQLite, so
// a restart loses nothing.
//
// Writers run one at a time inside write(): changes are staged, then applied to
// memory and committed to SQLite in one transaction only when the function
// succeeds, so a failed operation leaves nothing half-created. Readers share a
// lock and see only committed state. Inside write(), read through the
// Transaction only: the store's own readers would wait for the writer.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "localcloud/store/database.hpp"
#include "util/result.hpp"

namespace spawn::localcloud {

using Json = nlohmann::json;

struct ResourceKey {
  std::string region;  // "" for global resources
  std::string kind;    // "instance", "vpc", "role", ...
  std::string id;
  auto operator<=>(const ResourceKey&) const = default;
};

// Documents of one (region, kind), ordered by id.
using ResourceMap = std::map<std::string, Json, std::less<>>;

class ResourceStore;

// The staged changes of one write(). Reads see the staged state.
class Transaction {
 public:
  // The document, for reading or changing in place; nullptr when absent.
  Json* find(std::string_view region, std::string_view kind, std::string_view id);
  void put(std::string_view region, std::string_view kind, std::string_view id, Json document);
  void erase(std::string_view region, std::string_view kind, std::string_view id);
  // Ids of every document of (region, kind), staged changes included, ordered by id.
  std::vector<std::string> ids(std::string_view region, std::string_view kind);
  // Regions that hold at least one document of `kind` (staged ones included).
  std::vector<std::string> regions_with(std::string_view kind);

 private:
  friend class ResourceStore;
  explicit Transaction(ResourceStore& store) : store_(store) {}
  ResourceStore& store_;
  std::map<ResourceKey, std::optional<Json>> staged_;  // nullopt = erased
};

class ResourceStore {
 public:
  // Opens the store at `path` (":memory:" for tests) and loads every document.
  static Result<std::unique_ptr<ResourceStore>> open(const std::filesystem::path& path);

  std::optional<Json> get(std::string_view region, std::string_view kind,
                          std::string_view id) const;
  // Calls `visit` under the read lock with the documents of (region, kind); no copies.
  void read(std::string_view region, std::string_view kind,
            const std::function<void(const ResourceMap&)>& visit) const;
  // Regions that hold at least one document of `kind`.
  std::vector<std::string> regions_with(std::string_view kind) const;

  // Forgets every document (the admin API's reset).
  Result<void> clear();

  // Runs `change` alone; its staged changes are kept only when it returns a value.
  template <class F>
  auto write(F&& change) -> decltype(change(std::declval<Transaction&>())) {
    std::unique_lock lock(mutex_);
    Transaction transaction(*this);
    auto outcome = change(transaction);
    if (outcome) {
      if (auto committed = commit(transaction); !committed) {
        using Outcome = decltype(outcome);
        return Outcome(std::unexpect, to_outcome_error<Outcome>(committed.error()));
      }
    }
    return outcome;
  }

 private:
  friend class Transaction;
  explicit ResourceStore(Database db) : db_(std::move(db)) {}
  Result<void> load();
  Result<void> commit(const Transaction& transaction);
  const ResourceMap* bucket(std::string_view region, std::string_view kind) const;
  std::vector<std::string> regions_with_unlocked(std::string_view kind) const;
  bool unchanged(const ResourceKey& key, const std::optional<Json>& staged) const;

  // Outcomes of write() may carry an Error or a service's own error type; a storage
  // failure is turned into either.
  template <class Outcome>
  static typename Outcome::error_type to_outcome_error(const Error& error) {
    if constexpr (std::is_same_v<typename Outcome::error_type, Error>) {
      return error;
    } else {
      return Outcome::error_type::from_storage(error);
    }
  }

  mutable std::shared_mutex mutex_;
  Database db_;
  // region -> kind -> documents
  std::map<std::string, std::map<std::string, ResourceMap, std::less<>>, std::less<>> regions_;
};

}  // namespace spawn::localcloud
