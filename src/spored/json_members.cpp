#include "spored/json_members.hpp"

#include <fmt/format.h>

#include <limits>

#include "util/time_format.hpp"

namespace spawn::spored {

using nlohmann::json;

std::string encode_time(SystemTime time) {
  auto whole = std::chrono::floor<std::chrono::seconds>(time);
  auto milliseconds = std::chrono::floor<Milliseconds>(time) - whole;
  std::string text = format_iso8601(whole);  // "...T18:00:00Z"
  text.insert(text.size() - 1, fmt::format(".{:03}", milliseconds.count()));
  return text;
}

std::unexpected<Error> member_error(const std::string& path, std::string_view problem) {
  return fail(ErrorKind::parse, fmt::format("{} is {}", path, problem));
}

Result<void> decode(const json& value, const std::string& path, std::string& out) {
  if (!value.is_string())
    return member_error(path, "not a string");
  out = value.get<std::string>();
  return {};
}

Result<void> decode(const json& value, const std::string& path, bool& out) {
  if (!value.is_boolean())
    return member_error(path, "not true or false");
  out = value.get<bool>();
  return {};
}

Result<void> decode(const json& value, const std::string& path, int& out) {
  if (!value.is_number_integer() || value.get<std::int64_t>() < std::numeric_limits<int>::min() ||
      value.get<std::int64_t>() > std::numeric_limits<int>::max()) {
    return member_error(path, "not a whole number");
  }
  out = value.get<int>();
  return {};
}

Result<void> decode(const json& value, const std::string& path, std::uint64_t& out) {
  if (!value.is_number_unsigned())
    return member_error(path, "not a whole number of at least 0");
  out = value.get<std::uint64_t>();
  return {};
}

Result<void> decode(const json& value, const std::string& path, double& out) {
  if (!value.is_number())
    return member_error(path, "not a number");
  out = value.get<double>();
  return {};
}

Result<void> decode(const json& value, const std::string& path, SystemTime& out) {
  if (value.is_string()) {
    if (auto time = parse_iso8601(value.get<std::string>())) {
      out = *time;
      return {};
    }
  }
  return member_error(path, "not a time (e.g. \"2026-11-27T18:00:00.000Z\")");
}

Result<void> decode(const json& value, const std::string& path, Milliseconds& out) {
  if (!value.is_number_integer())
    return member_error(path, "not a whole number of milliseconds");
  out = Milliseconds(value.get<std::int64_t>());
  return {};
}

Members::Members(const json& object, std::string path) : object_(object), path_(std::move(path)) {
  if (!object_.is_object())
    keep(member_error(path_.empty() ? "the document" : path_, "not an object"));
}

Result<void> Members::result() const {
  if (error_)
    return std::unexpected(*error_);
  return {};
}

const json* Members::find(std::string_view key) const {
  if (error_)
    return nullptr;
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

std::string Members::path_of(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

void Members::keep(Result<void> outcome) {
  if (!outcome && !error_)
    error_ = outcome.error();
}

}  // namespace spawn::spored
