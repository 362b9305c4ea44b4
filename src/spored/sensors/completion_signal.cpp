// The completion file is written by the user's workload, so it can be anything: a
// FIFO (opening or reading it could block the agent forever), /dev/zero behind a
// symlink, a directory, a huge log, a secret. It is opened without blocking, read
// only when it is a regular file and only up to a limit, and its content never goes
// into a note, because notes are logged.
#include "spored/sensors/completion_signal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "util/strings.hpp"

namespace spawn::spored {
namespace {

constexpr unsigned char kDelete = 0x7f;
// UTF-8 of the C1 control characters U+0080-U+009F: 0xC2 then 0x80-0x9F.
constexpr unsigned char kC1Lead = 0xc2;
constexpr unsigned char kC1LastTrail = 0x9f;

class OpenFile {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  ~OpenFile() { ::close(fd_); }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

bool is_continuation_byte(unsigned char byte) {
  return (byte & 0xc0) == 0x80;
}

std::string with_controls_as_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    unsigned char next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
    bool c1 = byte == kC1Lead && is_continuation_byte(next) && next <= kC1LastTrail;
    if (c1)
      ++i;
    out += (byte < ' ' || byte == kDelete || c1) ? ' ' : text[i];
  }
  return out;
}

// The first `characters` UTF-8 characters of `text`, never ending inside one.
std::string_view first_characters(std::string_view text, std::size_t characters) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_continuation_byte(static_cast<unsigned char>(text[i])) && seen++ == characters)
      return text.substr(0, i);
  }
  return text;
}

std::string tidy(std::string_view text) {
  std::string spaced = with_controls_as_spaces(text);
  return std::string(trim(first_characters(trim(spaced), kLongestCompletionText)));
}

std::string string_member(const nlohmann::json& document, const char* name) {
  auto member = document.find(name);
  if (member == document.end() || !member->is_string())
    return {};
  return tidy(member->get_ref<const std::string&>());
}

CompletionSignal noted(std::string note) {
  return CompletionSignal{.status = {}, .message = {}, .note = std::move(note)};
}

// The signal when the file could not be opened; nullopt when there is no file.
std::optional<CompletionSignal> unopened(int error) {
  switch (error) {
    case ENOENT:
    case ENOTDIR: return std::nullopt;
    case EACCES:
    case EPERM: return noted("permission denied; content not read");
    case ENXIO: return noted("not a regular file; content not read");  // a socket
    default:
      return noted(fmt::format("cannot be opened ({}); content not read", std::strerror(error)));
  }
}

// Up to `limit` bytes from the start of the file.
Result<std::string> read_at_most(int fd, std::size_t limit) {
  std::string content(limit, '\0');
  std::size_t filled = 0;
  while (filled < limit) {
    ssize_t got = ::read(fd, content.data() + filled, limit - filled);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      return fail(ErrorKind::io, std::strerror(errno));
    if (got == 0)
      break;
    filled += static_cast<std::size_t>(got);
  }
  content.resize(filled);
  return content;
}

CompletionSignal read_regular_file(int fd) {
  // One byte more than kept tells a file at the limit from a longer one.
  auto content = read_at_most(fd, kLongestCompletionFile + 1);
  if (!content)
    return noted(fmt::format("could not be read ({}); content not used", content.error().message));
  if (content->size() > kLongestCompletionFile)
    return noted(fmt::format("larger than {} bytes; content ignored", kLongestCompletionFile));
  return parse_completion(*content);
}

}  // namespace

CompletionSignal parse_completion(std::string_view content) {
  std::string_view text = trim(content);
  if (text.empty())
    return {};
  auto document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded())
    return noted("not JSON: content ignored");
  if (!document.is_object())
    return noted("JSON but not an object: content ignored");
  return CompletionSignal{.status = string_member(document, "status"),
                          .message = string_member(document, "message"),
                          .note = {}};
}

std::optional<CompletionSignal> read_completion_signal(const std::filesystem::path& path) {
  // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting for one.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return unopened(errno);
  OpenFile file(fd);
  struct stat status {};
  if (::fstat(file.fd(), &status) != 0)
    return noted(fmt::format("cannot be examined ({}); content not read", std::strerror(errno)));
  if (S_ISDIR(status.st_mode))
    return noted("a directory, not a file");
  if (!S_ISREG(status.st_mode))
    return noted("not a regular file; content not read");
  return read_regular_file(file.fd());
}

}  // namespace spawn::spored
