// Reading a JSON object member by member, with errors that name the member
// ("policy.launch_time is not a timestamp"), so that the reader of a whole document
// stays a flat list of fields. Every `decode` overload has the shape
// `Result<void> decode(const json& value, const std::string& path, T& out)`; those
// for spored's own types sit beside them in the spawn::spored namespace and are
// found by argument-dependent lookup.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/duration.hpp"
#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn::spored {

// Times in state files: RFC 3339 in UTC with milliseconds ("2026-11-27T18:00:00.250Z").
std::string encode_time(SystemTime time);

Result<void> decode(const nlohmann::json& value, const std::string& path, std::string& out);
Result<void> decode(const nlohmann::json& value, const std::string& path, bool& out);
Result<void> decode(const nlohmann::json& value, const std::string& path, int& out);
Result<void> decode(const nlohmann::json& value, const std::string& path, std::uint64_t& out);
Result<void> decode(const nlohmann::json& value, const std::string& path, double& out);
Result<void> decode(const nlohmann::json& value, const std::string& path, SystemTime& out);
// Whole milliseconds.
Result<void> decode(const nlohmann::json& value, const std::string& path, Milliseconds& out);

// ErrorKind::parse: "<path> is <problem>".
std::unexpected<Error> member_error(const std::string& path, std::string_view problem);

template <class T>
Result<void> decode(const nlohmann::json& value, const std::string& path, std::vector<T>& out) {
  if (!value.is_array())
    return member_error(path, "not a list");
  out.clear();
  for (std::size_t i = 0; i < value.size(); ++i) {
    T item{};
    if (auto decoded = decode(value[i], path + "[" + std::to_string(i) + "]", item); !decoded)
      return decoded;
    out.push_back(std::move(item));
  }
  return {};
}

// The members of one object; the first problem is kept and later reads do nothing.
class Members {
 public:
  // `path` names the object in messages: "" for the document, "policy", "config.idle".
  Members(const nlohmann::json& object, std::string path);

  template <class T>
  Members& required(std::string_view key, T& out) {
    if (const nlohmann::json* value = find(key))
      keep(decode(*value, path_of(key), out));
    else
      keep(member_error(path_of(key), "missing"));
    return *this;
  }

  // Absent and null both read as nullopt.
  template <class T>
  Members& optional(std::string_view key, std::optional<T>& out) {
    const nlohmann::json* value = find(key);
    if (!value || value->is_null()) {
      out.reset();
      return *this;
    }
    T decoded{};
    keep(decode(*value, path_of(key), decoded));
    out = std::move(decoded);
    return *this;
  }

  Result<void> result() const;

 private:
  // nullptr when absent, or when an earlier problem stops the reading.
  const nlohmann::json* find(std::string_view key) const;
  std::string path_of(std::string_view key) const;
  void keep(Result<void> outcome);

  const nlohmann::json& object_;
  std::string path_;
  std::optional<Error> error_;
};

}  // namespace spawn::spored
