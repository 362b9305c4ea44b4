// GPU utilisation from nvidia-smi, when the machine has it: a training job that keeps
// the GPU busy while the CPUs wait keeps the instance alive.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace spawn::spored {

// The output of `nvidia-smi --query-gpu=utilization.gpu --format=csv,noheader,nounits`:
// one percentage per line, one line per GPU. "[N/A]" lines are skipped. ErrorKind::parse
// for anything else.
Result<std::vector<double>> parse_nvidia_smi(std::string_view output);

// Runs nvidia-smi (found on PATH, 10 s limit) and returns the highest utilisation.
// nullopt when nvidia-smi is not installed (no GPU); an error when it fails or prints
// something unreadable (the caller treats that as "GPU busy", never as idle).
Result<std::optional<double>> read_gpu_utilisation();

}  // namespace spawn::spored
