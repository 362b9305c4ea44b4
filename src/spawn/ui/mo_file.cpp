// The .mo layout (GNU gettext manual, "The Format of GNU MO Files"): a header of
// seven 32-bit words — magic, revision, string count, offset of the original
// string table, offset of the translation table, hash table size and offset —
// then two tables of (length, offset) pairs pointing at NUL-terminated strings.
// The magic tells the byte order of the file. We never use the hash table: the
// catalog is read once into a map. Plural entries hold "singular\0plural" and
// their translations "form0\0form1..."; only the first of each is kept.
#include "spawn/ui/mo_file.hpp"

#include <cstdint>
#include <optional>

namespace spawn::ui {

namespace {

constexpr std::uint32_t kMagic = 0x950412de;
constexpr std::uint32_t kMagicSwapped = 0xde120495;
constexpr std::uint32_t kHighestMajorRevision = 1;
constexpr std::size_t kHeaderSize = 28;
constexpr std::size_t kTableEntrySize = 8;

class MoReader {
 public:
  explicit MoReader(std::string_view bytes) : bytes_(bytes) {}

  // Reads the magic and fixes the byte order for every later read.
  bool detect_byte_order() {
    std::uint32_t magic = read_word(0, ByteOrder::little);
    if (magic == kMagic)
      return true;
    if (magic == kMagicSwapped) {
      order_ = ByteOrder::big;
      return true;
    }
    return false;
  }

  std::uint32_t word(std::size_t offset) const { return read_word(offset, order_); }

  // The string described by the table entry at `entry_offset`, or nullopt when it points
  // outside the file or lacks its terminating NUL.
  std::optional<std::string_view> string_at(std::size_t entry_offset) const {
    if (entry_offset > bytes_.size() || bytes_.size() - entry_offset < kTableEntrySize) {
      return std::nullopt;
    }
    std::size_t length = word(entry_offset);
    std::size_t offset = word(entry_offset + 4);
    if (offset > bytes_.size() || bytes_.size() - offset <= length)
      return std::nullopt;
    if (bytes_[offset + length] != '\0')
      return std::nullopt;
    return bytes_.substr(offset, length);
  }

 private:
  enum class ByteOrder { little, big };

  std::uint32_t read_word(std::size_t offset, ByteOrder order) const {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      int index = order == ByteOrder::little ? 3 - i : i;
      value = (value << 8) | static_cast<unsigned char>(bytes_[offset + index]);
    }
    return value;
  }

  std::string_view bytes_;
  ByteOrder order_ = ByteOrder::little;
};

// Up to the first NUL: the singular of a plural entry.
std::string_view first_form(std::string_view text) {
  return text.substr(0, text.find('\0'));
}

}  // namespace

Result<MessageTable> parse_mo(std::string_view bytes) {
  if (bytes.size() < kHeaderSize)
    return fail(ErrorKind::parse, ".mo file shorter than its header");
  MoReader reader(bytes);
  if (!reader.detect_byte_order())
    return fail(ErrorKind::parse, "not a .mo file (bad magic)");
  if ((reader.word(4) >> 16) > kHighestMajorRevision) {
    return fail(ErrorKind::parse, ".mo file has an unknown revision");
  }
  std::size_t count = reader.word(8);
  std::size_t originals = reader.word(12);
  std::size_t translations = reader.word(16);
  MessageTable messages;
  for (std::size_t i = 0; i < count; ++i) {
    auto msgid = reader.string_at(originals + i * kTableEntrySize);
    auto msgstr = reader.string_at(translations + i * kTableEntrySize);
    if (!msgid || !msgstr)
      return fail(ErrorKind::parse, ".mo file entry out of bounds");
    // The header entry (empty msgid) and untranslated entries carry nothing to look up;
    // a plural entry whose first form is empty ("\0plural") neither.
    auto singular = first_form(*msgid);
    auto translation = first_form(*msgstr);
    if (singular.empty() || translation.empty())
      continue;
    messages.emplace(singular, translation);
  }
  return messages;
}

}  // namespace spawn::ui
