// `spawn whoami`: which AWS account and identity spawn would act as, and in which
// region. One STS GetCallerIdentity call; a quick check that credentials work.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "aws/sts.hpp"
#include "spawn/commands/command_table.hpp"
#include "spawn/ui/catalog.hpp"

namespace spawn::cli {

namespace {

struct WhoamiFlags {
  std::string output = "text";
};

void print_text(std::ostream& out, const aws::CallerIdentity& identity, const std::string& region) {
  out << ui::trf("Account: {account}", fmt::arg("account", identity.account)) << '\n'
      << ui::trf("ARN: {arn}", fmt::arg("arn", identity.arn)) << '\n'
      << ui::trf("User ID: {user_id}", fmt::arg("user_id", identity.user_id)) << '\n'
      << ui::trf("Region: {region}", fmt::arg("region", region)) << '\n';
}

void print_json(std::ostream& out, const aws::CallerIdentity& identity, const std::string& region) {
  nlohmann::ordered_json document = {{"account", identity.account},
                                     {"arn", identity.arn},
                                     {"user_id", identity.user_id},
                                     {"region", region}};
  out << document.dump(2) << '\n';
}

Result<void> run_whoami(Context& context, const WhoamiFlags& flags) {
  auto session = context.session();
  if (!session)
    return std::unexpected(session.error());
  auto identity = aws::StsClient((*session)->client()).get_caller_identity();
  if (!identity)
    return std::unexpected(identity.error());
  if (flags.output == "json") {
    print_json(context.out(), *identity, (*session)->region());
  } else {
    print_text(context.out(), *identity, (*session)->region());
  }
  return {};
}

}  // namespace

Handler setup_whoami(CLI::App& command) {
  auto flags = std::make_shared<WhoamiFlags>();
  command
      .add_option("-o,--output", flags->output, std::string(ui::tr("Output format: text or json")))
      ->type_name(std::string(ui::tr("FORMAT")))
      ->check(CLI::IsMember({"text", "json"}).description(""));
  return [flags](Context& context) { return run_whoami(context, *flags); };
}

}  // namespace spawn::cli
