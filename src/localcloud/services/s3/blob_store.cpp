#include "localcloud/services/s3/blob_store.hpp"

#include <fmt/format.h>

#include "util/file.hpp"
#include "util/uuid.hpp"

namespace spawn::localcloud {

namespace {

constexpr auto kBlobMode = std::filesystem::perms(0600);
constexpr std::string_view kTemporarySuffix = ".partial";

std::unexpected<Error> io_error(std::string message) {
  return fail(ErrorKind::io, std::move(message));
}

// Writes the rest of each of `sources`, one after the other, to `target`.
Result<void> join_into(std::vector<std::ifstream*>& sources, const std::filesystem::path& target) {
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  if (!out)
    return io_error(fmt::format("cannot write {}", target.string()));
  std::error_code ignored;
  std::filesystem::permissions(target, kBlobMode, ignored);
  for (std::ifstream* source : sources) {
    if (source->peek() != std::ifstream::traits_type::eof())
      out << source->rdbuf();  // streaming an empty file would set out's failbit
    if (!out || source->bad())
      return io_error(fmt::format("cannot copy a blob into {}", target.string()));
  }
  out.flush();
  if (!out)
    return io_error(fmt::format("cannot write {}", target.string()));
  return {};
}

}  // namespace

Result<std::string> OpenBlob::read(std::uint64_t offset, std::uint64_t length) {
  std::string bytes(length, '\0');
  stream_.clear();
  stream_.seekg(static_cast<std::streamoff>(offset));
  stream_.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (static_cast<std::uint64_t>(stream_.gcount()) != length)
    return io_error("a blob is shorter than its record");
  return bytes;
}

BlobStore::BlobStore(std::filesystem::path root) : root_(std::move(root)) {
  ensure_root();
}

std::filesystem::path BlobStore::path_of(std::string_view name) const {
  return root_ / std::string(name);
}

void BlobStore::ensure_root() const {
  std::error_code ignored;
  std::filesystem::create_directories(root_, ignored);
}

Result<OpenBlob> BlobStore::open(std::string_view name) const {
  std::ifstream stream(path_of(name), std::ios::binary);
  if (!stream)
    return fail(ErrorKind::not_found, fmt::format("blob {} is missing", name));
  return OpenBlob(std::move(stream));
}

Result<std::string> BlobStore::write(std::string_view bytes) {
  ensure_root();
  std::string name = random_uuid();
  if (auto written = write_file_atomic(path_of(name), bytes, kBlobMode); !written)
    return std::unexpected(written.error());
  return name;
}

Result<std::string> BlobStore::write_joined(std::vector<OpenBlob>& sources) {
  ensure_root();
  std::string name = random_uuid();
  std::filesystem::path temporary = path_of(name + std::string(kTemporarySuffix));
  std::vector<std::ifstream*> streams;
  streams.reserve(sources.size());
  for (OpenBlob& source : sources)
    streams.push_back(&source.stream_);
  Result<void> written = join_into(streams, temporary);
  std::error_code error;
  if (written) {
    std::filesystem::rename(temporary, path_of(name), error);
    if (error)
      written = io_error(fmt::format("cannot rename {}: {}", temporary.string(), error.message()));
  }
  if (!written) {
    std::filesystem::remove(temporary, error);
    return std::unexpected(written.error());
  }
  return name;
}

void BlobStore::remove(std::string_view name) {
  std::error_code ignored;
  std::filesystem::remove(path_of(name), ignored);
}

void BlobStore::remove(const std::vector<std::string>& names) {
  for (const std::string& name : names)
    remove(name);
}

void BlobStore::remove_all_but(const std::set<std::string, std::less<>>& live) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(root_, error)) {
    if (!live.contains(entry.path().filename().string()))
      std::filesystem::remove(entry.path(), error);
  }
}

}  // namespace spawn::localcloud
