// Environment variables behind a narrow interface, so code that reads AWS_* or
// SPAWN_* settings can be tested with a plain map instead of the real process
// environment.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace spawn {

class Environment {
 public:
  virtual ~Environment() = default;
  // The value of `name`, or nullopt when it is unset. An empty value is returned as "".
  virtual std::optional<std::string> get(std::string_view name) const = 0;
  // The value of `name` when set and not empty.
  std::optional<std::string> get_nonempty(std::string_view name) const;
};

// Reads the real process environment.
class ProcessEnvironment final : public Environment {
 public:
  std::optional<std::string> get(std::string_view name) const override;
};

// A fixed set of variables, for tests and for building child environments.
class MapEnvironment final : public Environment {
 public:
  MapEnvironment() = default;
  explicit MapEnvironment(std::map<std::string, std::string, std::less<>> vars)
      : vars_(std::move(vars)) {}
  std::optional<std::string> get(std::string_view name) const override;
  void set(std::string name, std::string value) { vars_[std::move(name)] = std::move(value); }
  void unset(std::string_view name);

 private:
  std::map<std::string, std::string, std::less<>> vars_;
};

// Another environment with some variables replaced or removed: what a child process or a
// session sees when it must not inherit some of ours (spawn --local hides the user's AWS
// profile and keys). `base` must outlive the overlay.
class OverlayEnvironment final : public Environment {
 public:
  explicit OverlayEnvironment(const Environment& base) : base_(base) {}
  std::optional<std::string> get(std::string_view name) const override;
  // `name` reads as `value` from now on.
  void set(std::string name, std::string value);
  // `name` reads as unset from now on, whatever the base says.
  void unset(std::string name);

 private:
  const Environment& base_;
  // nullopt marks a variable removed.
  std::map<std::string, std::optional<std::string>, std::less<>> overrides_;
};

}  // namespace spawn
