// A small RAII layer over SQLite: one connection, prepared statements with
// bound parameters (never SQL built from values), and transactions.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "util/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace spawn::localcloud {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Binds `value` (as text) to the 1-based parameter `index`.
  Statement& bind(int index, std::string_view value);
  // Advances; true while a row is available. Errors become Error{io}.
  Result<bool> step();
  // Runs a statement that returns no rows, then resets it for reuse.
  Result<void> run();
  std::string column_text(int index) const;
  void reset();

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
};

class Database {
 public:
  // Opens (creating) the database at `path` in WAL mode; ":memory:" for a private one.
  static Result<Database> open(const std::filesystem::path& path);
  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;
  ~Database();

  Result<void> exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  explicit Database(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace spawn::localcloud
