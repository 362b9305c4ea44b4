// Parsers for the three /proc files the idle policy reads. They accept what every
// kernel since 2.6 writes, and nothing else: a line that does not fit gives an error
// instead of a guess, because a silent zero would make a busy machine look idle.
// Edge cases handled: "eth0:1234" (no blank after the colon when the counter is
// large), the aggregate "cpu" line, guest time (already part of user time), and
// NVMe names (nvme0n1 is a disk, nvme0n1p1 its partition).
#include "spored/sensors/counters.hpp"

#include <fmt/format.h>

#include <charconv>
#include <set>
#include <system_error>

#include "util/file.hpp"
#include "util/strings.hpp"

namespace spawn::spored {
namespace {

constexpr std::uint64_t kSectorBytes = 512;  // diskstats counts 512-byte sectors on every device
// Fields of a per-CPU line in order; later ones (guest, guest_nice) are already in user and nice.
enum CpuField : std::size_t {
  kUser,
  kNice,
  kSystem,
  kIdle,
  kIowait,
  kIrq,
  kSoftirq,
  kSteal,
  kCpuFields
};
// /proc/diskstats: major, minor, name, then the device's counters.
constexpr std::size_t kDiskNameField = 2;
constexpr std::size_t kDiskCountersStart = kDiskNameField + 1;
constexpr std::size_t kSectorsReadField = kDiskCountersStart + 2;
constexpr std::size_t kSectorsWrittenField = kDiskCountersStart + 6;
// /proc/net/dev: 8 receive counters, then the transmit ones; bytes come first in each.
constexpr std::size_t kTransmitBytesField = 8;

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

std::vector<std::string_view> words_of(std::string_view line) {
  std::vector<std::string_view> words;
  constexpr std::string_view kBlanks = " \t\r";
  std::size_t start = line.find_first_not_of(kBlanks);
  while (start != std::string_view::npos) {
    std::size_t end = line.find_first_of(kBlanks, start);
    words.push_back(line.substr(start, end - start));
    start = line.find_first_not_of(kBlanks, end);
  }
  return words;
}

std::optional<std::uint64_t> to_count(std::string_view word) {
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
  if (error != std::errc() || end != word.data() + word.size())
    return std::nullopt;
  return value;
}

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

std::unexpected<Error> malformed(std::string_view file, std::string_view line) {
  // The line is kernel output, but cut it anyway: it ends up in logs.
  constexpr std::size_t kShownLength = 80;
  return fail(ErrorKind::parse,
              fmt::format("{}: unexpected line '{}'", file, line.substr(0, kShownLength)));
}

Result<CpuTimes> parse_cpu_line(std::string_view line, const std::vector<std::string_view>& words) {
  std::uint64_t field[kCpuFields] = {};
  // Kernels before 2.6.11 have no steal column, before 2.6 no iowait/irq/softirq.
  constexpr std::size_t kOldestFieldCount = kIdle + 1;
  if (words.size() < 1 + kOldestFieldCount)
    return malformed("/proc/stat", line);
  for (std::size_t i = 0; i < kCpuFields && i + 1 < words.size(); ++i) {
    auto value = to_count(words[i + 1]);
    if (!value)
      return malformed("/proc/stat", line);
    field[i] = *value;
  }
  CpuTimes times;
  times.busy =
      field[kUser] + field[kNice] + field[kSystem] + field[kIrq] + field[kSoftirq] + field[kSteal];
  times.total = times.busy + field[kIdle] + field[kIowait];
  return times;
}

// "nvme<N>n<M>" exactly: namespace M of controller N; "nvme0n1p1" is a partition.
bool is_nvme_namespace(std::string_view name) {
  if (!name.starts_with("nvme"))
    return false;
  name.remove_prefix(4);
  std::size_t n = name.find('n');
  return n != std::string_view::npos && all_digits(name.substr(0, n)) &&
         all_digits(name.substr(n + 1));
}

// Disks named the way EC2 (Xen and Nitro) and common hypervisors name them.
bool named_like_whole_disk(std::string_view name) {
  bool classic = name.starts_with("xvd") || name.starts_with("sd") || name.starts_with("vd");
  bool ends_in_digit = !name.empty() && name.back() >= '0' && name.back() <= '9';
  return (classic && !ends_in_digit) || is_nvme_namespace(name);
}

// Block devices layered on others or on memory: counting them counts the same bytes twice.
bool is_virtual_block_device(std::string_view name) {
  for (std::string_view prefix : {"loop", "ram", "zram", "dm-", "md"}) {
    if (name.starts_with(prefix))
      return true;
  }
  return false;
}

std::optional<std::set<std::string, std::less<>>> list_block_devices(
    const std::filesystem::path& root) {
  std::error_code error;
  std::filesystem::directory_iterator entry(root / "sys/block", error);
  std::set<std::string, std::less<>> names;
  for (; !error && entry != std::filesystem::directory_iterator(); entry.increment(error))
    names.insert(entry->path().filename().string());
  if (error)
    return std::nullopt;
  return names;
}

// Reads and parses <root>/<relative>; on failure records why in `problems`.
template <class Parse>
auto read_parsed(const std::filesystem::path& root, std::string_view relative, Parse parse,
                 std::vector<std::string>& problems) -> decltype(parse(std::string_view())) {
  auto text = read_file(root / relative);
  if (!text) {
    bool missing = text.error().kind == ErrorKind::not_found;
    problems.push_back(missing ? fmt::format("/{}: no such file", relative) : text.error().message);
    return std::unexpected(text.error());
  }
  auto parsed = parse(*text);
  if (!parsed)
    problems.push_back(parsed.error().message);
  return parsed;
}

template <class T>
std::optional<T> value_or_none(Result<T> result) {
  return result ? std::optional<T>(std::move(*result)) : std::nullopt;
}

}  // namespace

Result<std::vector<CpuTimes>> parse_proc_stat(std::string_view text) {
  std::vector<CpuTimes> cpus;
  for (std::string_view line : lines_of(text)) {
    auto words = words_of(line);
    if (words.empty() || !words[0].starts_with("cpu") || !all_digits(words[0].substr(3)))
      continue;
    auto times = parse_cpu_line(line, words);
    if (!times)
      return std::unexpected(times.error());
    cpus.push_back(*times);
  }
  if (cpus.empty())
    return fail(ErrorKind::parse, "/proc/stat: no per-CPU lines");
  return cpus;
}

Result<std::uint64_t> parse_net_dev(std::string_view text) {
  auto lines = lines_of(text);
  constexpr std::size_t kHeaderLines = 2;
  if (lines.size() < kHeaderLines)
    return fail(ErrorKind::parse, "/proc/net/dev: no header");
  std::uint64_t bytes = 0;
  for (std::size_t i = kHeaderLines; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (trim(line).empty())
      continue;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos)
      return malformed("/proc/net/dev", line);
    auto counters = words_of(line.substr(colon + 1));
    if (counters.size() <= kTransmitBytesField)
      return malformed("/proc/net/dev", line);
    auto received = to_count(counters[0]);
    auto transmitted = to_count(counters[kTransmitBytesField]);
    if (!received || !transmitted)
      return malformed("/proc/net/dev", line);
    if (trim(line.substr(0, colon)) != "lo")
      bytes += *received + *transmitted;
  }
  return bytes;
}

Result<std::uint64_t> parse_diskstats(std::string_view text,
                                      const std::function<bool(std::string_view)>& is_whole_disk) {
  std::uint64_t sectors = 0;
  for (std::string_view line : lines_of(text)) {
    auto words = words_of(line);
    if (words.empty())
      continue;
    if (words.size() <= kSectorsWrittenField)
      return malformed("/proc/diskstats", line);
    auto read = to_count(words[kSectorsReadField]);
    auto written = to_count(words[kSectorsWrittenField]);
    if (!read || !written)
      return malformed("/proc/diskstats", line);
    if (is_whole_disk(words[kDiskNameField]))
      sectors += *read + *written;
  }
  return sectors * kSectorBytes;
}

std::function<bool(std::string_view)> whole_disk_rule(const std::filesystem::path& root) {
  auto listed = list_block_devices(root);
  if (!listed)
    return named_like_whole_disk;
  return [disks = std::move(*listed)](std::string_view name) {
    return disks.contains(name) && !is_virtual_block_device(name);
  };
}

Counters read_counters(const std::filesystem::path& root, SystemTime now) {
  Counters counters;
  counters.taken_at = now;
  auto& problems = counters.problems;
  counters.cpus = value_or_none(read_parsed(root, "proc/stat", parse_proc_stat, problems));
  counters.network_bytes =
      value_or_none(read_parsed(root, "proc/net/dev", parse_net_dev, problems));
  auto is_whole_disk = whole_disk_rule(root);
  auto parse_disks = [&](std::string_view text) { return parse_diskstats(text, is_whole_disk); };
  counters.disk_bytes = value_or_none(read_parsed(root, "proc/diskstats", parse_disks, problems));
  return counters;
}

}  // namespace spawn::spored
