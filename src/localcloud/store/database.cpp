#include "localcloud/store/database.hpp"

#include <sqlite3.h>

namespace spawn::localcloud {
namespace {

std::unexpected<Error> sqlite_error(sqlite3* db, std::string_view what) {
  return fail(ErrorKind::io, std::string(what) + ": " + sqlite3_errmsg(db));
}

}  // namespace

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), statement_(std::exchange(other.statement_, nullptr)) {}

Statement::~Statement() {
  sqlite3_finalize(statement_);
}

Statement& Statement::bind(int index, std::string_view value) {
  sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW)
    return true;
  if (rc == SQLITE_DONE)
    return false;
  return sqlite_error(db_, "state database");
}

Result<void> Statement::run() {
  auto stepped = step();
  reset();
  if (!stepped)
    return std::unexpected(stepped.error());
  return {};
}

std::string Statement::column_text(int index) const {
  const auto* text = sqlite3_column_text(statement_, index);
  int size = sqlite3_column_bytes(statement_, index);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
              : std::string();
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

void Database::Closer::operator()(sqlite3* db) const {
  sqlite3_close_v2(db);
}

Database::~Database() = default;

Result<Database> Database::open(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  Database db(raw);
  if (rc != SQLITE_OK) {
    return fail(ErrorKind::io, "cannot open state database " + path.string() + ": " +
                                   (raw ? sqlite3_errmsg(raw) : "out of memory"));
  }
  sqlite3_busy_timeout(raw, 5000);
  if (auto wal = db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !wal) {
    return std::unexpected(wal.error());
  }
  return db;
}

Result<void> Database::exec(std::string_view sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return fail(ErrorKind::io, "state database: " + text);
  }
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &statement,
                         nullptr) != SQLITE_OK) {
    return sqlite_error(db_.get(), "state database");
  }
  return Statement(db_.get(), statement);
}

}  // namespace spawn::localcloud
