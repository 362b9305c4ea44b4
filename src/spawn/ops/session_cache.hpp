// Small answers worth keeping between runs, per AWS endpoint and access key: the
// account behind the credentials and the enabled regions. Each would cost a
// sequential round trip on every launch or list; both change rarely. A cache is
// only ever a speed-up (ARCHITECTURE decision 3): unreadable, stale or unwritable
// files are treated as absent.
#pragma once

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "aws/session.hpp"

namespace spawn::ops {

inline constexpr std::chrono::hours kSessionCacheLifetime{24};

// The file for `name` ("regions", "account") under `data_dir`/cache, keyed by the session's
// EC2 endpoint and access key id; nullopt when the credentials cannot be read.
std::optional<std::filesystem::path> session_cache_file(aws::Session& session,
                                                        const std::filesystem::path& data_dir,
                                                        std::string_view name);

// The cached document when the file exists, parses, and is younger than kSessionCacheLifetime.
std::optional<nlohmann::json> read_session_cache(const std::optional<std::filesystem::path>& file);

void write_session_cache(const std::optional<std::filesystem::path>& file,
                         const nlohmann::json& document);

}  // namespace spawn::ops
