#include "spawn/ui/error_message.hpp"

#include <algorithm>
#include <array>

#include "spawn/ui/catalog.hpp"
#include "util/strings.hpp"

namespace spawn::ui {

namespace {

constexpr std::string_view kRedacted = "[redacted]";
constexpr std::array<std::string_view, 4> kSecretMarkers = {
    "signature=", "x-amz-security-token=", "aws_secret_access_key=", "aws_session_token="};
constexpr std::string_view kValueEnd = "&,;\"' \t\r\n";

constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kReset = "\x1b[0m";

// AWS codes meaning "who you are is fine, what you asked is not allowed".
constexpr std::array<std::string_view, 4> kPermissionCodes = {
    "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess"};

std::string headline(const Error& error, std::string_view detail) {
  auto arg = fmt::arg("detail", detail);
  switch (error.kind) {
    case ErrorKind::usage: return trf("Invalid input: {detail}", arg);
    case ErrorKind::auth: return trf("AWS credentials problem: {detail}", arg);
    case ErrorKind::network: return trf("Could not reach AWS: {detail}", arg);
    case ErrorKind::timeout: return trf("Timed out: {detail}", arg);
    case ErrorKind::aws: return trf("AWS refused the request: {detail}", arg);
    case ErrorKind::not_found: return trf("Not found: {detail}", arg);
    case ErrorKind::conflict: return trf("Conflict: {detail}", arg);
    case ErrorKind::io: return trf("Local file or process error: {detail}", arg);
    case ErrorKind::parse: return trf("Could not understand a file or an answer: {detail}", arg);
  }
  return std::string(detail);
}

bool is_permission_code(std::string_view code) {
  return std::find(kPermissionCodes.begin(), kPermissionCodes.end(), code) !=
         kPermissionCodes.end();
}

std::string auth_advice(const Error& error) {
  if (error.aws && is_permission_code(error.aws->code)) {
    return trf(
        "Your AWS identity may not call {operation}; ask your AWS administrator for that "
        "permission.",
        fmt::arg("operation", error.aws->operation));
  }
  return std::string(tr("Run `aws configure`, pass --profile, or try --local."));
}

std::string advice(const Error& error) {
  switch (error.kind) {
    case ErrorKind::usage:
      return std::string(
          tr("Check the flags and settings named above; `spawn --help` lists the commands and "
             "flags."));
    case ErrorKind::auth: return auth_advice(error);
    case ErrorKind::network:
      return std::string(
          tr("Check your network connection and proxy settings (HTTPS_PROXY, NO_PROXY)."));
    case ErrorKind::timeout:
      return std::string(tr("Try again; run with --debug to see which call was slow."));
    case ErrorKind::aws:
      return std::string(tr("Run again with --debug to see the AWS error code and request id."));
    case ErrorKind::not_found:
      return std::string(tr("Check the name or ID, and the region (--region)."));
    case ErrorKind::conflict:
      return std::string(tr("It exists already or is in the wrong state; check it and try again."));
    case ErrorKind::io:
      return std::string(tr("Check the path, its permissions and the free disk space."));
    case ErrorKind::parse:
      return std::string(
          tr("Check the file's syntax; if AWS sent it, run with --debug and report the request "
             "id."));
  }
  return {};
}

std::string aws_details(const AwsError& aws) {
  return trf(
      "AWS error code {code}, operation {service} {operation}, HTTP {status}, request id "
      "{request_id}",
      fmt::arg("code", aws.code.empty() ? "-" : aws.code), fmt::arg("service", aws.service),
      fmt::arg("operation", aws.operation), fmt::arg("status", aws.http_status),
      fmt::arg("request_id", aws.request_id.empty() ? "-" : aws.request_id));
}

}  // namespace

std::string render_error(const Error& error, const ErrorStyle& style) {
  std::string first =
      format_status(Symbol::error, style.symbols, headline(error, redact_secrets(error.message)));
  if (style.colour == platform::Colour::on)
    first = std::string(kRed) + first + std::string(kReset);
  const std::string& what_to_do = error.hint.empty() ? advice(error) : error.hint;
  std::string text = first + "\n    " + redact_secrets(what_to_do) + "\n";
  if (style.detail == Detail::debug && error.aws) {
    text += "    " + redact_secrets(aws_details(*error.aws)) + "\n";
  }
  return text;
}

int exit_code_for(const Error& error) {
  return error.kind == ErrorKind::usage ? kExitUsage : kExitFailure;
}

std::string redact_secrets(std::string_view text) {
  std::string out(text);
  std::string lowered = to_lower(text);
  for (std::string_view marker : kSecretMarkers) {
    std::size_t at = lowered.find(marker);
    while (at != std::string::npos) {
      std::size_t start = at + marker.size();
      std::size_t end = std::min(lowered.find_first_of(kValueEnd, start), lowered.size());
      out.replace(start, end - start, kRedacted);
      lowered.replace(start, end - start, kRedacted);
      at = lowered.find(marker, start + kRedacted.size());
    }
  }
  return out;
}

}  // namespace spawn::ui
