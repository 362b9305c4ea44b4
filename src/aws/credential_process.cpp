#include "aws/credential_process.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "platform/process.hpp"
#include "util/strings.hpp"
#include "util/time_format.hpp"

namespace spawn::aws {

namespace {

// Enough of a failing program's stderr to explain itself, not a whole log.
constexpr std::size_t kMaxQuotedStderr = 2000;

std::unexpected<Error> auth_error(std::string_view source, std::string_view problem) {
  return fail(ErrorKind::auth, fmt::format("{}: {}", source, problem));
}

// The string at `key`; nullopt when it is absent or null.
Result<std::optional<std::string>> optional_string(const nlohmann::json& document, const char* key,
                                                   std::string_view source) {
  auto it = document.find(key);
  if (it == document.end() || it->is_null())
    return std::nullopt;
  if (!it->is_string())
    return auth_error(source, fmt::format("{} in the output is not a string", key));
  return it->get<std::string>();
}

Result<std::string> required_string(const nlohmann::json& document, const char* key,
                                    std::string_view source) {
  auto value = optional_string(document, key, source);
  if (!value)
    return std::unexpected(value.error());
  if (!*value)
    return auth_error(source, fmt::format("the output has no {}", key));
  return std::move(**value);
}

Result<void> check_version(const nlohmann::json& document, std::string_view source) {
  auto version = document.find("Version");
  if (version == document.end())
    return auth_error(source, "the output has no Version (expected 1)");
  if (!version->is_number_integer() || version->get<long long>() != 1) {
    return auth_error(source, fmt::format("the output has Version {}; only Version 1 is supported",
                                          version->dump(-1, ' ', false,
                                                        nlohmann::json::error_handler_t::replace)));
  }
  return {};
}

Result<std::optional<SystemTime>> expiration_field(const nlohmann::json& document,
                                                   std::string_view source) {
  auto text = optional_string(document, "Expiration", source);
  if (!text)
    return std::unexpected(text.error());
  if (!*text)
    return std::nullopt;
  auto time = parse_iso8601(**text);
  if (!time) {
    return auth_error(source, fmt::format("Expiration \"{}\" is not an ISO-8601 time", **text));
  }
  return std::optional<SystemTime>(*time);
}

std::string quoted_stderr(std::string_view error_output) {
  std::string_view text = trim(error_output);
  if (text.empty())
    return "it printed nothing on stderr";
  if (text.size() > kMaxQuotedStderr)
    text = text.substr(0, kMaxQuotedStderr);
  return fmt::format("it said: {}", text);
}

class ProcessCredentialsProvider final : public CredentialsProvider {
 public:
  ProcessCredentialsProvider(std::string command, std::string source)
      : command_(std::move(command)), source_(std::move(source)) {}
  Result<Credentials> credentials() override { return run_credential_process(command_, source_); }

 private:
  std::string command_;
  std::string source_;
};

}  // namespace

Result<Credentials> parse_credential_process_output(std::string_view output,
                                                    std::string_view source) {
  auto document = nlohmann::json::parse(output, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return auth_error(source, "the program did not print a JSON object on stdout");
  }
  if (auto version = check_version(document, source); !version) {
    return std::unexpected(version.error());
  }
  Credentials credentials;
  credentials.source = std::string(source);
  auto access_key = required_string(document, "AccessKeyId", source);
  if (!access_key)
    return std::unexpected(access_key.error());
  auto secret_key = required_string(document, "SecretAccessKey", source);
  if (!secret_key)
    return std::unexpected(secret_key.error());
  auto token = optional_string(document, "SessionToken", source);
  if (!token)
    return std::unexpected(token.error());
  auto expiration = expiration_field(document, source);
  if (!expiration)
    return std::unexpected(expiration.error());
  credentials.access_key_id = std::move(*access_key);
  credentials.secret_access_key = std::move(*secret_key);
  credentials.session_token = token->value_or("");
  credentials.expiration = *expiration;
  return credentials;
}

Result<Credentials> run_credential_process(std::string_view command, std::string_view source) {
  auto argv = platform::split_command_line(command);
  if (!argv)
    return auth_error(source, argv.error().message);
  if (argv->empty())
    return auth_error(source, "the command is empty");
  platform::ProcessOptions options;
  options.timeout = kCredentialProcessTimeout;
  options.child_stdin = platform::ChildStdin::inherit;
  auto result = platform::run_process(*argv, options);
  if (!result) {
    return std::unexpected(
        Error{result.error().kind == ErrorKind::timeout ? ErrorKind::timeout : ErrorKind::auth,
              fmt::format("{}: {}", source, result.error().message),
              {}});
  }
  if (result->exit_code != 0) {
    return auth_error(source, fmt::format("`{}` exited with status {}; {}", (*argv)[0],
                                          result->exit_code, quoted_stderr(result->error_output)));
  }
  return parse_credential_process_output(result->output, source);
}

std::unique_ptr<CredentialsProvider> make_credential_process_provider(std::string command,
                                                                      std::string source) {
  return std::make_unique<ProcessCredentialsProvider>(std::move(command), std::move(source));
}

}  // namespace spawn::aws
