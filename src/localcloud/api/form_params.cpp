#include "localcloud/api/form_params.hpp"

#include <charconv>

#include "util/encoding.hpp"
#include "util/strings.hpp"

namespace spawn::localcloud {
namespace {

// The member index N of "<prefix>.N" or "<prefix>.N.<rest>", with <rest> (may be empty).
struct Member {
  int index = 0;
  std::string_view rest;
};

std::optional<Member> member_of(std::string_view name, std::string_view prefix) {
  if (!name.starts_with(prefix) || name.size() <= prefix.size() || name[prefix.size()] != '.') {
    return std::nullopt;
  }
  std::string_view tail = name.substr(prefix.size() + 1);
  Member member;
  auto [end, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), member.index);
  if (ec != std::errc{} || member.index < 1)
    return std::nullopt;
  tail.remove_prefix(static_cast<std::size_t>(end - tail.data()));
  if (!tail.empty() && tail.front() != '.')
    return std::nullopt;
  if (!tail.empty())
    tail.remove_prefix(1);
  member.rest = tail;
  return member;
}

}  // namespace

Result<FormParams> FormParams::parse(std::string_view body) {
  FormParams params;
  if (body.empty())
    return params;
  for (const std::string& pair : split(body, '&')) {
    if (pair.empty())
      continue;
    std::size_t eq = pair.find('=');
    auto key = percent_decode(std::string_view(pair).substr(0, eq), PlusMeans::space);
    auto value = eq == std::string::npos
                     ? Result<std::string>(std::string())
                     : percent_decode(std::string_view(pair).substr(eq + 1), PlusMeans::space);
    if (!key || !value)
      return fail(ErrorKind::parse, "malformed form encoding in '" + pair + "'");
    params.values_[std::move(*key)] = std::move(*value);
  }
  return params;
}

std::optional<std::string> FormParams::get(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end())
    return std::nullopt;
  return it->second;
}

std::string FormParams::get_or(std::string_view name, std::string_view fallback) const {
  auto value = get(name);
  return value ? *value : std::string(fallback);
}

bool FormParams::get_bool(std::string_view name, bool fallback) const {
  auto value = get(name);
  if (!value)
    return fallback;
  return iequals(*value, "true");
}

std::vector<std::string> FormParams::list(std::string_view prefix) const {
  std::map<int, std::string> ordered;
  for (const auto& [name, value] : values_) {
    auto member = member_of(name, prefix);
    if (member && member->rest.empty())
      ordered[member->index] = value;
  }
  std::vector<std::string> out;
  out.reserve(ordered.size());
  for (auto& [index, value] : ordered)
    out.push_back(std::move(value));
  return out;
}

std::vector<FormParams> FormParams::structs(std::string_view prefix) const {
  std::map<int, FormParams> ordered;
  for (const auto& [name, value] : values_) {
    auto member = member_of(name, prefix);
    if (member && !member->rest.empty()) {
      ordered[member->index].values_[std::string(member->rest)] = value;
    }
  }
  std::vector<FormParams> out;
  out.reserve(ordered.size());
  for (auto& [index, params] : ordered)
    out.push_back(std::move(params));
  return out;
}

FormParams FormParams::sub(std::string_view prefix) const {
  FormParams out;
  std::string start = std::string(prefix) + ".";
  for (auto it = values_.lower_bound(start); it != values_.end() && it->first.starts_with(start);
       ++it) {
    out.values_[it->first.substr(start.size())] = it->second;
  }
  return out;
}

}  // namespace spawn::localcloud
