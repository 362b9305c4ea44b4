#include "spored/sensors/gpu.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>

#include "platform/process.hpp"
#include "util/strings.hpp"

namespace spawn::spored {
namespace {

// nvidia-smi answers in well under a second; a hung driver must not stall the agent.
constexpr std::chrono::seconds kNvidiaSmiTimeout{10};
// How much of nvidia-smi's complaint goes into an error message.
constexpr std::size_t kShownOutputLength = 200;

std::string shown(std::string_view output) {
  return std::string(trim(output).substr(0, kShownOutputLength));
}

std::optional<double> to_percentage(std::string_view text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !(value >= 0 && value <= 100))
    return std::nullopt;
  return value;
}

}  // namespace

Result<std::vector<double>> parse_nvidia_smi(std::string_view output) {
  std::vector<double> utilisation;
  for (const auto& raw_line : split(output, '\n')) {
    std::string_view line = trim(raw_line);
    if (line.empty() || line == "[N/A]")
      continue;
    auto percentage = to_percentage(line);
    if (!percentage) {
      return fail(ErrorKind::parse,
                  fmt::format("nvidia-smi printed '{}', not a utilisation", shown(line)));
    }
    utilisation.push_back(*percentage);
  }
  return utilisation;
}

Result<std::optional<double>> read_gpu_utilisation() {
  platform::ProcessOptions options;
  options.timeout = kNvidiaSmiTimeout;
  auto run = platform::run_process(
      {"nvidia-smi", "--query-gpu=utilization.gpu", "--format=csv,noheader,nounits"}, options);
  if (!run && run.error().kind == ErrorKind::not_found)
    return std::nullopt;
  if (!run)
    return std::unexpected(run.error());
  if (run->exit_code != 0) {
    // Driver failures ("couldn't communicate with the NVIDIA driver") go to standard output.
    std::string_view complaint = trim(run->error_output).empty() ? run->output : run->error_output;
    return fail(ErrorKind::io, fmt::format("nvidia-smi exited with status {}: {}", run->exit_code,
                                           shown(complaint)));
  }
  auto utilisation = parse_nvidia_smi(run->output);
  if (!utilisation)
    return std::unexpected(utilisation.error());
  if (utilisation->empty())
    return std::nullopt;  // no GPU reports a utilisation (all "[N/A]", as in MIG mode)
  return *std::max_element(utilisation->begin(), utilisation->end());
}

}  // namespace spawn::spored
