#include "localcloud/store/resource_store.hpp"

#include <set>

namespace spawn::localcloud {
namespace {

constexpr std::string_view kSchema =
    "CREATE TABLE IF NOT EXISTS resources ("
    " region TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, document TEXT NOT NULL,"
    " PRIMARY KEY (region, kind, id));";

ResourceKey key_of(std::string_view region, std::string_view kind, std::string_view id) {
  return ResourceKey{std::string(region), std::string(kind), std::string(id)};
}

}  // namespace

Json* Transaction::find(std::string_view region, std::string_view kind, std::string_view id) {
  ResourceKey key = key_of(region, kind, id);
  if (auto it = staged_.find(key); it != staged_.end()) {
    return it->second ? &*it->second : nullptr;
  }
  const ResourceMap* bucket = store_.bucket(region, kind);
  if (bucket == nullptr)
    return nullptr;
  auto it = bucket->find(id);
  if (it == bucket->end())
    return nullptr;
  // Staged as a copy: a caller that changes it in place changes only the staged state.
  return &*staged_.emplace(std::move(key), it->second).first->second;
}

void Transaction::put(std::string_view region, std::string_view kind, std::string_view id,
                      Json document) {
  staged_[key_of(region, kind, id)] = std::move(document);
}

void Transaction::erase(std::string_view region, std::string_view kind, std::string_view id) {
  staged_[key_of(region, kind, id)] = std::nullopt;
}

std::vector<std::string> Transaction::ids(std::string_view region, std::string_view kind) {
  std::set<std::string> ids;
  if (const ResourceMap* bucket = store_.bucket(region, kind)) {
    for (const auto& [id, document] : *bucket)
      ids.insert(id);
  }
  for (const auto& [key, document] : staged_) {
    if (key.region != region || key.kind != kind)
      continue;
    if (document) {
      ids.insert(key.id);
    } else {
      ids.erase(key.id);
    }
  }
  return {ids.begin(), ids.end()};
}

std::vector<std::string> Transaction::regions_with(std::string_view kind) {
  std::set<std::string> regions;
  for (const std::string& region : store_.regions_with_unlocked(kind))
    regions.insert(region);
  for (const auto& [key, document] : staged_) {
    if (key.kind == kind && document)
      regions.insert(key.region);
  }
  std::vector<std::string> out;
  for (const std::string& region : regions) {
    if (!ids(region, kind).empty())
      out.push_back(region);
  }
  return out;
}

Result<std::unique_ptr<ResourceStore>> ResourceStore::open(const std::filesystem::path& path) {
  auto db = Database::open(path);
  if (!db)
    return std::unexpected(db.error());
  std::unique_ptr<ResourceStore> store(new ResourceStore(std::move(*db)));
  if (auto loaded = store->load(); !loaded)
    return std::unexpected(loaded.error());
  return store;
}

Result<void> ResourceStore::load() {
  if (auto schema = db_.exec(kSchema); !schema)
    return schema;
  auto select = db_.prepare("SELECT region, kind, id, document FROM resources");
  if (!select)
    return std::unexpected(select.error());
  while (true) {
    auto row = select->step();
    if (!row)
      return std::unexpected(row.error());
    if (!*row)
      break;
    Json document = Json::parse(select->column_text(3), nullptr, false);
    if (document.is_discarded()) {
      return fail(ErrorKind::parse,
                  "state database holds a damaged document for " + select->column_text(2));
    }
    regions_[select->column_text(0)][select->column_text(1)][select->column_text(2)] =
        std::move(document);
  }
  return {};
}

Result<void> ResourceStore::commit(const Transaction& transaction) {
  if (transaction.staged_.empty())
    return {};
  auto upsert = db_.prepare(
      "INSERT INTO resources (region, kind, id, document) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT (region, kind, id) DO UPDATE SET document = excluded.document");
  auto remove = db_.prepare("DELETE FROM resources WHERE region = ?1 AND kind = ?2 AND id = ?3");
  if (!upsert)
    return std::unexpected(upsert.error());
  if (!remove)
    return std::unexpected(remove.error());
  if (auto begun = db_.exec("BEGIN IMMEDIATE"); !begun)
    return begun;
  for (const auto& [key, document] : transaction.staged_) {
    if (unchanged(key, document))
      continue;
    Statement& statement = document ? *upsert : *remove;
    statement.bind(1, key.region).bind(2, key.kind).bind(3, key.id);
    // Invalid UTF-8 from a client must not abort the process: it is stored replaced.
    if (document)
      statement.bind(4, document->dump(-1, ' ', false, Json::error_handler_t::replace));
    if (auto ran = statement.run(); !ran) {
      (void)db_.exec("ROLLBACK");
      return ran;
    }
  }
  if (auto committed = db_.exec("COMMIT"); !committed) {
    (void)db_.exec("ROLLBACK");
    return committed;
  }
  for (const auto& [key, document] : transaction.staged_) {
    auto& documents = regions_[key.region][key.kind];
    if (document) {
      documents.insert_or_assign(key.id, *document);
    } else {
      documents.erase(key.id);
    }
  }
  return {};
}

Result<void> ResourceStore::clear() {
  std::unique_lock lock(mutex_);
  if (auto deleted = db_.exec("DELETE FROM resources"); !deleted)
    return deleted;
  regions_.clear();
  return {};
}

bool ResourceStore::unchanged(const ResourceKey& key, const std::optional<Json>& staged) const {
  const ResourceMap* documents = bucket(key.region, key.kind);
  auto it = documents ? documents->find(key.id) : ResourceMap::const_iterator();
  bool exists = documents && it != documents->end();
  // Transaction::find stages every document it reads; only real changes reach the disk.
  return staged ? exists && it->second == *staged : !exists;
}

const ResourceMap* ResourceStore::bucket(std::string_view region, std::string_view kind) const {
  auto region_it = regions_.find(region);
  if (region_it == regions_.end())
    return nullptr;
  auto kind_it = region_it->second.find(kind);
  return kind_it == region_it->second.end() ? nullptr : &kind_it->second;
}

std::optional<Json> ResourceStore::get(std::string_view region, std::string_view kind,
                                       std::string_view id) const {
  std::shared_lock lock(mutex_);
  const ResourceMap* documents = bucket(region, kind);
  if (documents == nullptr)
    return std::nullopt;
  auto it = documents->find(id);
  if (it == documents->end())
    return std::nullopt;
  return it->second;
}

void ResourceStore::read(std::string_view region, std::string_view kind,
                         const std::function<void(const ResourceMap&)>& visit) const {
  static const ResourceMap kEmpty;
  std::shared_lock lock(mutex_);
  const ResourceMap* documents = bucket(region, kind);
  visit(documents ? *documents : kEmpty);
}

std::vector<std::string> ResourceStore::regions_with(std::string_view kind) const {
  std::shared_lock lock(mutex_);
  return regions_with_unlocked(kind);
}

std::vector<std::string> ResourceStore::regions_with_unlocked(std::string_view kind) const {
  std::vector<std::string> out;
  for (const auto& [region, kinds] : regions_) {
    auto it = kinds.find(kind);
    if (it != kinds.end() && !it->second.empty())
      out.push_back(region);
  }
  return out;
}

}  // namespace spawn::localcloud
