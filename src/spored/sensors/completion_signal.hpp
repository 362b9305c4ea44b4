// The completion file a workload writes when it is done (`spored complete`, `touch`,
// or any program). Its existence is the signal; its content, if it is JSON with
// "status" and "message", is recorded. Unreadable or malformed content still
// counts as completion, with a note: a workload that finished must not keep paying.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "util/result.hpp"

namespace spawn::spored {

// Longest status and message kept (they become EC2 tags, whose values hold 256 characters).
inline constexpr std::size_t kLongestCompletionText = 256;
// At most this much of the file is read.
inline constexpr std::size_t kLongestCompletionFile = std::size_t{64} * 1024;

struct CompletionSignal {
  std::string status;   // "success", "failed", ... ; empty when not given
  std::string message;  // empty when not given
  std::string note;     // why the content was not used ("not JSON", "a directory"), else empty

  bool operator==(const CompletionSignal&) const = default;
};

// Parses the file's content: empty or blank → no status or message; a JSON object →
// its string "status" and "message" (other members ignored, each cut to
// kLongestCompletionText, control characters replaced by spaces); anything else → a note.
CompletionSignal parse_completion(std::string_view content);

// nullopt when nothing exists at `path`. Otherwise the signal: a regular file is read
// (without following it if it is a FIFO or device, which could block or be endless:
// those, and directories, count with a note). Never blocks.
std::optional<CompletionSignal> read_completion_signal(const std::filesystem::path& path);

}  // namespace spawn::spored
