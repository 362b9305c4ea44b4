// `spawn agent publish`: puts this spawn's spored binaries into the agent bucket of the
// account and region in use (ops/agent_store.hpp), where launched instances download
// them. Launch publishes by itself when a region has no agent yet; this command is for
// doing it ahead of time or after rebuilding the agent.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/version.hpp"
#include "platform/paths.hpp"
#include "spawn/commands/command_table.hpp"
#include "spawn/ops/account.hpp"
#include "spawn/ops/agent_store.hpp"
#include "spawn/ui/catalog.hpp"

namespace spawn::cli {

namespace {

struct PublishFlags {
  std::string output = "text";
};

void print_text(std::ostream& out, const ops::PublishedAgent& published) {
  if (published.up_to_date()) {
    out << ui::trf("spored {version} in s3://{bucket} is already up to date",
                   fmt::arg("version", kVersion), fmt::arg("bucket", published.bucket))
        << '\n';
  }
  for (const auto& binary : published.binaries) {
    auto status = binary.uploaded ? ui::tr("uploaded") : ui::tr("unchanged");
    out << ui::trf("{status}: s3://{bucket}/{key} ({size} bytes, sha256 {sha256})",
                   fmt::arg("status", status), fmt::arg("bucket", published.bucket),
                   fmt::arg("key", binary.key), fmt::arg("size", binary.size),
                   fmt::arg("sha256", binary.sha256))
        << '\n';
  }
}

void print_json(std::ostream& out, const ops::PublishedAgent& published) {
  nlohmann::ordered_json binaries = nlohmann::ordered_json::array();
  for (const auto& binary : published.binaries) {
    binaries.push_back({{"arch", binary.arch},
                        {"key", binary.key},
                        {"size", binary.size},
                        {"sha256", binary.sha256},
                        {"uploaded", binary.uploaded}});
  }
  nlohmann::ordered_json document = {{"bucket", published.bucket},
                                     {"region", published.region},
                                     {"version", kVersion},
                                     {"up_to_date", published.up_to_date()},
                                     {"binaries", binaries}};
  out << document.dump(2) << '\n';
}

// The agent bucket's name for the session's account and region.
Result<std::string> bucket_for(Context& context, aws::Session& session) {
  auto data_dir = platform::data_dir(context.env());
  if (!data_dir)
    return std::unexpected(data_dir.error());
  auto identity = ops::fetch_identity(session, *data_dir);
  if (!identity)
    return std::unexpected(identity.error());
  return ops::agent_bucket_name(identity->account, session.region());
}

Result<void> run_publish(Context& context, const PublishFlags& flags) {
  auto session = context.session();
  if (!session)
    return std::unexpected(session.error());
  auto agent_dir = ops::find_agent_dir(context.env());
  if (!agent_dir)
    return std::unexpected(agent_dir.error());
  auto bucket = bucket_for(context, **session);
  if (!bucket)
    return std::unexpected(bucket.error());
  context.err() << ui::trf("Publishing spored {version} from {dir} to s3://{bucket}...",
                           fmt::arg("version", kVersion), fmt::arg("dir", agent_dir->string()),
                           fmt::arg("bucket", *bucket))
                << '\n';
  auto published = ops::publish_agent((*session)->client(), *bucket, *agent_dir);
  if (!published)
    return std::unexpected(published.error());
  if (flags.output == "json") {
    print_json(context.out(), *published);
  } else {
    print_text(context.out(), *published);
  }
  return {};
}

}  // namespace

Handler setup_agent(CLI::App& command) {
  auto flags = std::make_shared<PublishFlags>();
  command.require_subcommand(1);
  CLI::App* publish = command.add_subcommand(
      "publish", std::string(ui::tr("Upload spored to this account's agent bucket in the region")));
  publish
      ->add_option("-o,--output", flags->output, std::string(ui::tr("Output format: text or json")))
      ->type_name(std::string(ui::tr("FORMAT")))
      ->check(CLI::IsMember({"text", "json"}).description(""));
  return [flags](Context& context) { return run_publish(context, *flags); };
}

}  // namespace spawn::cli
