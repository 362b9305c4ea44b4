#include "spawn/ui/error_message.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "gettext_tools.hpp"

namespace spawn::ui {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

ErrorStyle plain() {
  return ErrorStyle{SymbolStyle::text, platform::Colour::off, Detail::normal};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  EXPECT_EQ(start, text.size()) << "the message must end with a newline";
  return lines;
}

Error aws_error(ErrorKind kind, std::string code) {
  Error error{kind, code + ": not allowed", std::nullopt};
  error.aws = AwsError{"ec2", "RunInstances", std::move(code), "not allowed", 403, "req-42", false};
  return error;
}

struct KindCase {
  ErrorKind kind;
  std::string_view headline;
  std::string_view advice;
};

class RenderEachKind : public ::testing::TestWithParam<KindCase> {};

TEST_P(RenderEachKind, SaysWhatHappenedThenWhatToDo) {
  const KindCase& expected = GetParam();
  auto lines = lines_of(render_error({expected.kind, "the detail", std::nullopt}, plain()));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[0], HasSubstr(expected.headline));
  EXPECT_THAT(lines[0], HasSubstr("the detail"));
  EXPECT_TRUE(lines[0].starts_with("[✗] ")) << lines[0];
  EXPECT_THAT(lines[1], HasSubstr(expected.advice));
}

INSTANTIATE_TEST_SUITE_P(
    ErrorMessage, RenderEachKind,
    ::testing::Values(KindCase{ErrorKind::usage, "Invalid input", "spawn --help"},
                      KindCase{ErrorKind::auth, "credentials", "aws configure"},
                      KindCase{ErrorKind::network, "Could not reach AWS", "proxy"},
                      KindCase{ErrorKind::timeout, "Timed out", "--debug"},
                      KindCase{ErrorKind::aws, "AWS refused", "--debug"},
                      KindCase{ErrorKind::not_found, "Not found", "--region"},
                      KindCase{ErrorKind::conflict, "Conflict", "wrong state"},
                      KindCase{ErrorKind::io, "Local file", "permissions"},
                      KindCase{ErrorKind::parse, "Could not understand", "syntax"}));

using RenderErrorText = testing::PseudoLocalised;

TEST_F(RenderErrorText, EveryLineComesFromTheCatalog) {
  ErrorStyle style = plain();
  style.detail = Detail::debug;
  for (ErrorKind kind :
       {ErrorKind::usage, ErrorKind::auth, ErrorKind::network, ErrorKind::timeout, ErrorKind::aws,
        ErrorKind::not_found, ErrorKind::conflict, ErrorKind::io, ErrorKind::parse}) {
    for (const auto& line : lines_of(render_error(aws_error(kind, "AccessDenied"), style))) {
      EXPECT_THAT(line, HasSubstr("«")) << to_string(kind) << ": not translatable: " << line;
    }
  }
}

TEST(RenderError, AuthAdviceNamesTheWaysToGetCredentials) {
  std::string text = render_error({ErrorKind::auth, "no AWS credentials found", {}}, plain());
  EXPECT_THAT(text, HasSubstr("aws configure"));
  EXPECT_THAT(text, HasSubstr("--profile"));
  EXPECT_THAT(text, HasSubstr("--local"));
}

TEST(RenderError, AHintFromTheFailingCodeReplacesTheGenericAdvice) {
  Error error{ErrorKind::auth,
              "Your SSO session for profile dev has expired",
              {},
              "Run `aws sso login --profile dev`, then try again."};
  auto lines = lines_of(render_error(error, plain()));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_THAT(lines[1], HasSubstr("aws sso login --profile dev"));
  EXPECT_THAT(lines[1], Not(HasSubstr("aws configure")));
}

TEST(RenderError, PermissionDeniedAdviceNamesTheOperation) {
  std::string text = render_error(aws_error(ErrorKind::auth, "UnauthorizedOperation"), plain());
  EXPECT_THAT(text, HasSubstr("RunInstances"));
  EXPECT_THAT(text, HasSubstr("administrator"));
  EXPECT_THAT(text, Not(HasSubstr("aws configure")));
}

TEST(RenderError, DebugAddsTheAwsCodeOperationStatusAndRequestId) {
  ErrorStyle style = plain();
  style.detail = Detail::debug;
  auto lines =
      lines_of(render_error(aws_error(ErrorKind::aws, "InsufficientInstanceCapacity"), style));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[2], HasSubstr("InsufficientInstanceCapacity"));
  EXPECT_THAT(lines[2], HasSubstr("ec2 RunInstances"));
  EXPECT_THAT(lines[2], HasSubstr("HTTP 403"));
  EXPECT_THAT(lines[2], HasSubstr("req-42"));
}

TEST(RenderError, WithoutDebugTheRequestIdIsNotShown) {
  std::string text =
      render_error(aws_error(ErrorKind::aws, "InsufficientInstanceCapacity"), plain());
  EXPECT_THAT(text, Not(HasSubstr("req-42")));
}

TEST(RenderError, EmojiStyleUsesTheEmojiSymbol) {
  ErrorStyle style = plain();
  style.symbols = SymbolStyle::emoji;
  EXPECT_TRUE(render_error({ErrorKind::io, "disk full", {}}, style).starts_with("❌ "));
}

TEST(RenderError, ColourOnlyWhenAllowed) {
  ErrorStyle style = plain();
  EXPECT_THAT(render_error({ErrorKind::io, "x", {}}, style), Not(HasSubstr("\x1b[")));
  style.colour = platform::Colour::on;
  EXPECT_THAT(render_error({ErrorKind::io, "x", {}}, style), HasSubstr("\x1b[1;31m"));
}

TEST(RenderError, NeverShowsASignatureOrSessionToken) {
  Error error{
      ErrorKind::network,
      "GET https://s3.amazonaws.com/b?X-Amz-Signature=abcdef0123&X-Amz-Security-Token=SECRET"
      "TOKEN&x=1 failed",
      std::nullopt};
  std::string text = render_error(error, plain());
  EXPECT_THAT(text, Not(HasSubstr("abcdef0123")));
  EXPECT_THAT(text, Not(HasSubstr("SECRETTOKEN")));
  EXPECT_THAT(text, HasSubstr("x=1 failed"));
}

TEST(RedactSecrets, ReplacesEveryValueAfterAMarker) {
  EXPECT_EQ(redact_secrets("Signature=aa, Signature=bb"),
            "Signature=[redacted], Signature=[redacted]");
  EXPECT_EQ(redact_secrets("aws_secret_access_key=wJalr"), "aws_secret_access_key=[redacted]");
  EXPECT_EQ(redact_secrets("nothing secret"), "nothing secret");
}

TEST(ExitCode, UsageIsTwoAndEverythingElseOne) {
  EXPECT_EQ(exit_code_for({ErrorKind::usage, "", {}}), 2);
  EXPECT_EQ(exit_code_for({ErrorKind::auth, "", {}}), 1);
  EXPECT_EQ(exit_code_for({ErrorKind::network, "", {}}), 1);
  EXPECT_EQ(exit_code_for({ErrorKind::not_found, "", {}}), 1);
}

}  // namespace
}  // namespace spawn::ui
