#include "spawn/ui/mo_file.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>

#include "gettext_tools.hpp"

namespace spawn::ui {
namespace {

using testing::TempDir;

constexpr std::string_view kSamplePo = R"(msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: es\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Hello"
msgstr "Hola"

msgid "Account: {account}"
msgstr "Cuenta: {account}"

msgid "One file"
msgid_plural "{count} files"
msgstr[0] "Un archivo"
msgstr[1] "{count} archivos"

msgid "Not translated yet"
msgstr ""

#, fuzzy
msgid "Needs review"
msgstr "Necesita revisión"

msgid "Ünïcödé ✓"
msgstr "Unicode ✓"
)";

std::filesystem::path write_sample_po(const TempDir& dir) {
  auto path = dir.path() / "sample.po";
  std::ofstream(path) << kSamplePo;
  return path;
}

void expect_sample_messages(const MessageTable& messages) {
  EXPECT_EQ(messages.at("Hello"), "Hola");
  EXPECT_EQ(messages.at("Account: {account}"), "Cuenta: {account}");
  EXPECT_EQ(messages.at("One file"), "Un archivo");
  EXPECT_EQ(messages.at("Ünïcödé ✓"), "Unicode ✓");
  EXPECT_FALSE(messages.contains("Not translated yet"));
  EXPECT_FALSE(messages.contains("Needs review"));  // msgfmt leaves fuzzy entries out
  EXPECT_FALSE(messages.contains(""));              // the header is not a message
  EXPECT_EQ(messages.size(), 4u);
}

TEST(ParseMo, ReadsALittleEndianFileFromMsgfmt) {
  TempDir dir;
  auto bytes = testing::compile_po(write_sample_po(dir), dir, {"--endianness=little"});
  ASSERT_TRUE(bytes);
  auto messages = parse_mo(*bytes);
  ASSERT_TRUE(messages) << messages.error().message;
  expect_sample_messages(*messages);
}

TEST(ParseMo, ReadsABigEndianFileFromMsgfmt) {
  TempDir dir;
  auto bytes = testing::compile_po(write_sample_po(dir), dir, {"--endianness=big"});
  ASSERT_TRUE(bytes);
  ASSERT_EQ(static_cast<unsigned char>((*bytes)[0]), 0x95);  // really big-endian
  auto messages = parse_mo(*bytes);
  ASSERT_TRUE(messages) << messages.error().message;
  expect_sample_messages(*messages);
}

TEST(ParseMo, EveryTruncationIsAnErrorOrACleanParse) {
  TempDir dir;
  auto bytes = testing::compile_po(write_sample_po(dir), dir);
  ASSERT_TRUE(bytes);
  for (std::size_t length = 0; length < bytes->size(); ++length) {
    auto messages = parse_mo(std::string_view(*bytes).substr(0, length));
    if (messages) {
      EXPECT_LE(messages->size(), 4u);
    }
  }
  EXPECT_FALSE(parse_mo(std::string_view(*bytes).substr(0, 40)));
}

void append_word(std::string& bytes, std::uint32_t word) {
  for (int shift = 0; shift < 32; shift += 8)
    bytes.push_back(static_cast<char>(word >> shift));
}

// The header of a little-endian file built by hand; tests append tables and strings.
std::string mo_with(std::uint32_t magic, std::uint32_t revision, std::uint32_t count,
                    std::uint32_t originals, std::uint32_t translations) {
  std::string bytes;
  for (std::uint32_t word : {magic, revision, count, originals, translations, 0u, 0u}) {
    append_word(bytes, word);
  }
  return bytes;
}

TEST(ParseMo, RejectsAFileThatIsNotAMoFile) {
  EXPECT_FALSE(parse_mo(""));
  EXPECT_FALSE(parse_mo("short"));
  auto result = parse_mo(mo_with(0x12345678, 0, 0, 28, 28));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::parse);
}

TEST(ParseMo, RejectsAnUnknownMajorRevision) {
  EXPECT_FALSE(parse_mo(mo_with(0x950412de, 2u << 16, 0, 28, 28)));
  EXPECT_TRUE(parse_mo(mo_with(0x950412de, 1u << 16, 0, 28, 28)));
}

TEST(ParseMo, RejectsTablesOutsideTheFile) {
  EXPECT_FALSE(parse_mo(mo_with(0x950412de, 0, 1, 0xfffffff0, 28)));
  EXPECT_FALSE(parse_mo(mo_with(0x950412de, 0, 0xffffffff, 28, 28)));
}

TEST(ParseMo, RejectsAStringRunningPastTheEnd) {
  std::string bytes = mo_with(0x950412de, 0, 1, 28, 36);
  append_word(bytes, 0xffffffff);  // msgid length
  append_word(bytes, 44);
  append_word(bytes, 2);  // msgstr length
  append_word(bytes, 44);
  bytes += "hi";
  bytes.push_back('\0');
  EXPECT_FALSE(parse_mo(bytes));
}

TEST(ParseMo, RejectsAStringWithoutItsTerminatingNul) {
  std::string bytes = mo_with(0x950412de, 0, 1, 28, 36);
  append_word(bytes, 2);
  append_word(bytes, 44);
  append_word(bytes, 2);
  append_word(bytes, 44);
  bytes += "hix";
  EXPECT_FALSE(parse_mo(bytes));
}

}  // namespace
}  // namespace spawn::ui
