#include "spawn/ops/session_cache.hpp"

#include <fmt/format.h>

#include "aws/service.hpp"
#include "util/crypto.hpp"
#include "util/file.hpp"

namespace spawn::ops {

std::optional<std::filesystem::path> session_cache_file(aws::Session& session,
                                                        const std::filesystem::path& data_dir,
                                                        std::string_view name) {
  auto credentials = session.credentials().credentials();
  if (!credentials)
    return std::nullopt;
  // Keyed by the endpoint's shape, not the region: --region does not split the cache.
  auto endpoint = session.client().endpoints().endpoint(aws::services::ec2, "us-east-1");
  if (!endpoint)
    return std::nullopt;
  std::string identity = fmt::format("{}|{}", endpoint->to_string(), credentials->access_key_id);
  return data_dir / "cache" / fmt::format("{}-{}.json", name, sha256_hex(identity).substr(0, 16));
}

std::optional<nlohmann::json> read_session_cache(const std::optional<std::filesystem::path>& file) {
  if (!file)
    return std::nullopt;
  std::error_code error;
  auto written = std::filesystem::last_write_time(*file, error);
  if (error || std::filesystem::file_time_type::clock::now() - written > kSessionCacheLifetime)
    return std::nullopt;
  auto text = read_file(*file);
  if (!text)
    return std::nullopt;
  auto document = nlohmann::json::parse(*text, nullptr, false);
  if (document.is_discarded())
    return std::nullopt;
  return document;
}

void write_session_cache(const std::optional<std::filesystem::path>& file,
                         const nlohmann::json& document) {
  if (!file)
    return;
  std::error_code error;
  std::filesystem::create_directories(file->parent_path(), error);
  if (!error)
    (void)write_file_atomic(*file, document.dump());
}

}  // namespace spawn::ops
