#include "aws_cli.hpp"

#include "child_process.hpp"

namespace spawn::conformance {
namespace {

// Long enough for a waiter that needs a second poll (the CLI waits 15 s between polls).
constexpr std::chrono::seconds kCommandTimeout{90};

std::vector<std::string> clean_environment(const AwsCli& cli) {
  return {
      "PATH=/usr/bin:/bin",
      "HOME=" + cli.home.string(),
      "LANG=C.UTF-8",
      "AWS_PAGER=",
      "AWS_EC2_METADATA_DISABLED=true",
      "AWS_CONFIG_FILE=/dev/null",
      "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
      "AWS_MAX_ATTEMPTS=1",
      "AWS_ACCESS_KEY_ID=" + cli.env.access_key_id,
      "AWS_SECRET_ACCESS_KEY=" + cli.env.secret_access_key,
      "AWS_REGION=" + cli.env.region,
  };
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words)
    text += (text.empty() ? "" : " ") + word;
  return text;
}

}  // namespace

nlohmann::json AwsResult::json() const {
  nlohmann::json parsed = nlohmann::json::parse(out, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json() : parsed;
}

std::ostream& operator<<(std::ostream& out, const AwsResult& result) {
  return out << "aws " << result.command << "\n  exit code: " << result.exit_code
             << "\n  stdout: " << result.out << "\n  stderr: " << result.err;
}

AwsResult AwsCli::run(const std::vector<std::string>& args) const {
  std::vector<std::string> argv{kAwsCliPath};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--endpoint-url", env.endpoint_url, "--output", "json"});
  AwsResult result;
  result.command = joined(args) + " (region " + env.region + ")";
  auto ran = run_command(argv, clean_environment(*this), kCommandTimeout);
  if (!ran) {
    result.err = ran.error();
    return result;
  }
  result.exit_code = ran->timed_out ? -1 : ran->exit_code;
  result.out = std::move(ran->out);
  result.err = ran->timed_out ? "timed out after 90s; " + ran->err : std::move(ran->err);
  return result;
}

}  // namespace spawn::conformance
