#include "spawn/ops/local_cloud_server.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "aws/beast_transport.hpp"
#include "platform/process.hpp"
#include "util/file.hpp"

namespace spawn::ops {

namespace {

constexpr std::chrono::seconds kAskTimeout{10};
constexpr std::chrono::milliseconds kHealthTimeout{1000};
// A reset terminates every instance and deletes its files.
constexpr std::chrono::seconds kAdminTimeout{120};
constexpr std::size_t kLogTailBytes = 2000;

Result<aws::HttpResponse> admin_request(const std::string& endpoint_url, std::string_view method,
                                        std::string_view path, aws::Timeouts timeouts) {
  auto url = aws::Url::parse(endpoint_url + std::string(path));
  if (!url)
    return std::unexpected(url.error());
  aws::HttpRequest request;
  request.method = std::string(method);
  request.url = *url;
  return aws::make_beast_transport({})->send(request, timeouts);
}

Result<ServerAnswer> parse_answer(const std::string& text, const std::filesystem::path& state_dir) {
  auto document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return fail(ErrorKind::parse,
                fmt::format("spawn-localcloud env --json answered something else than JSON: {}",
                            text.substr(0, kLogTailBytes)));
  }
  ServerAnswer answer;
  answer.running = document.value("running", false);
  answer.pid = document.value("pid", 0);
  answer.cloud = LocalCloud{document.value("endpoint_url", ""),
                            document.value("access_key_id", ""),
                            document.value("secret_access_key", ""),
                            document.value("region", std::string(kLocalCloudRegion)),
                            state_dir,
                            false};
  return answer;
}

}  // namespace

Result<ServerAnswer> ask_server(const std::filesystem::path& program,
                                const std::filesystem::path& state_dir) {
  auto ran =
      platform::run_process({program.string(), "env", "--json", "--state-dir", state_dir.string()},
                            platform::ProcessOptions{.timeout = kAskTimeout});
  if (!ran)
    return std::unexpected(ran.error());
  if (ran->exit_code != 0) {
    return fail(ErrorKind::io,
                fmt::format("`{} env --json` failed (exit {}): {}", program.string(),
                            ran->exit_code, ran->error_output),
                "Is it the spawn-localcloud of this spawn's version? Set SPAWN_LOCALCLOUD to it.");
  }
  return parse_answer(ran->output, state_dir);
}

bool answers_health(const std::string& endpoint_url) {
  auto response =
      admin_request(endpoint_url, "GET", "/_localcloud/health", {kHealthTimeout, kHealthTimeout});
  return response && response->status == 200;
}

Result<void> admin_post(const std::string& endpoint_url, std::string_view path) {
  auto response = admin_request(endpoint_url, "POST", path, {kHealthTimeout, kAdminTimeout});
  if (!response)
    return std::unexpected(response.error());
  if (response->status / 100 != 2) {
    return fail(ErrorKind::io, fmt::format("spawn-localcloud answered {} to POST {}: {}",
                                           response->status, path, response->body));
  }
  return {};
}

std::filesystem::path server_log(const std::filesystem::path& state_dir) {
  return state_dir / "server.log";
}

std::string server_log_tail(const std::filesystem::path& state_dir) {
  auto text = read_file(server_log(state_dir));
  if (!text)
    return {};
  return text->size() > kLogTailBytes ? text->substr(text->size() - kLogTailBytes) : *text;
}

}  // namespace spawn::ops
