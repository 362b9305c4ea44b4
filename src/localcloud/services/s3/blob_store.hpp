// Object and part bytes live in files under <state_dir>/s3/blobs, never in
// SQLite. Every upload gets a fresh file name, so a replaced object's old file
// stays until the metadata that names the new one is committed; the caller then
// retires the old file. Readers open a blob while they hold the store's read
// lock (so the blob cannot be retired between lookup and open) and read it
// afterwards: an open file stays readable after it is removed. A file is
// written under a temporary name and renamed, so a crash never leaves a
// half-written blob under a live name; files no document names (a crash between
// rename and commit) are swept on start.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace spawn::localcloud {

// Bytes [first, last] of a blob, inclusive, as an HTTP Range names them.
struct ByteRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
  std::uint64_t length() const { return last - first + 1; }
};

// A blob opened for reading; it stays readable when the blob is removed meanwhile.
class OpenBlob {
 public:
  // `length` bytes from `offset`; an io error when the blob is shorter.
  Result<std::string> read(std::uint64_t offset, std::uint64_t length);

 private:
  friend class BlobStore;
  explicit OpenBlob(std::ifstream stream) : stream_(std::move(stream)) {}
  std::ifstream stream_;
};

class BlobStore {
 public:
  // Keeps blobs under `root`, created when missing, and again before each write: the local
  // cloud's reset removes it.
  explicit BlobStore(std::filesystem::path root);

  Result<OpenBlob> open(std::string_view name) const;
  // Stores `bytes` in a new blob and returns its name.
  Result<std::string> write(std::string_view bytes);
  // Stores the rest of each of `sources`, one after the other, in a new blob and returns
  // its name (a copy, or the parts of a multipart upload joined).
  Result<std::string> write_joined(std::vector<OpenBlob>& sources);
  // Deletes the blob; a missing one is not an error.
  void remove(std::string_view name);
  void remove(const std::vector<std::string>& names);
  // Deletes every blob (and leftover temporary file) whose name is not in `live`.
  void remove_all_but(const std::set<std::string, std::less<>>& live);

 private:
  std::filesystem::path path_of(std::string_view name) const;
  void ensure_root() const;
  std::filesystem::path root_;
};

}  // namespace spawn::localcloud
