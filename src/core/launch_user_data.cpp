#include "core/launch_user_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "util/strings.hpp"

namespace spawn {

namespace {

constexpr std::size_t kMaxUserNameLength = 32;

// A delimiter for a heredoc holding `body`: `SPAWN_<PURPOSE>` with a number added until it
// occurs nowhere in the body, so no line of the body can end the heredoc early.
std::string heredoc_delimiter(std::string_view purpose, std::string_view body) {
  std::string base = fmt::format("SPAWN_{}", purpose);
  std::string delimiter = base;
  for (int suffix = 1; body.find(delimiter) != std::string_view::npos; ++suffix)
    delimiter = fmt::format("{}_{}", base, suffix);
  return delimiter;
}

// Bash that writes `text` to the file `path_expression` (a double-quoted shell word made of
// the script's own variables) without expanding anything in it.
std::string write_verbatim(std::string_view path_expression, std::string_view purpose,
                           std::string_view text) {
  std::string body(text);
  if (body.empty() || body.back() != '\n')
    body += '\n';
  auto delimiter = heredoc_delimiter(purpose, body);
  return fmt::format("cat > {} <<'{}'\n{}{}\n", path_expression, delimiter, body, delimiter);
}

std::string motd_text(const MotdFacts& facts) {
  std::string text = "This instance was launched by spawn and cleans up after itself.\n";
  if (!facts.name.empty())
    text += fmt::format("  Name:              {}\n", facts.name);
  std::vector<std::string> limits;
  if (!facts.ttl.empty())
    limits.push_back("TTL " + facts.ttl);
  if (!facts.idle_timeout.empty())
    limits.push_back("idle timeout " + facts.idle_timeout);
  if (!facts.on_complete.empty())
    limits.push_back("on completion " + facts.on_complete);
  if (!limits.empty())
    text += fmt::format("  Limits at launch:  {}\n", join(limits, ", "));
  std::string target = facts.name.empty() ? "<instance-id>" : facts.name;
  text += "  Limits now:        sudo spored status\n";
  text +=
      fmt::format("  More time:         spawn extend {} <duration>   (on your computer)\n", target);
  text += "  Work finished:     spored complete\n";
  return text;
}

std::string layout_variables(const InstanceLayout& layout) {
  return fmt::format(R"sh(# The user's work: login banner, --user-data, --command.
spawn_dir={}
log_dir={}
motd_file={}
mkdir -p "$spawn_dir" "$log_dir"
chmod 0755 "$spawn_dir"
)sh",
                     shell_quote(layout.spawn_dir), shell_quote(layout.log_dir),
                     shell_quote(layout.motd_file));
}

std::string banner_section(const MotdFacts& facts) {
  // --remove-destination replaces a symlinked /etc/motd instead of writing through it.
  return write_verbatim("\"$spawn_dir/motd\"", "MOTD", motd_text(facts)) +
         R"sh(cp --remove-destination "$spawn_dir/motd" "$motd_file" ||
  echo "spawn: cannot write $motd_file; continuing without the login banner" >&2
)sh";
}

std::string user_script_section(const std::string& user_script) {
  return "# --user-data, as root; a failure is logged and spored keeps watching.\n" +
         write_verbatim("\"$spawn_dir/user-data\"", "USER_DATA", user_script) +
         R"sh(chmod 0700 "$spawn_dir/user-data"
user_data_log="$log_dir/spawn-user-data.log"
user_data_status=0
if [ "$(head -c 2 "$spawn_dir/user-data")" = '#!' ]; then
  "$spawn_dir/user-data" >> "$user_data_log" 2>&1 < /dev/null || user_data_status=$?
else
  bash "$spawn_dir/user-data" >> "$user_data_log" 2>&1 < /dev/null || user_data_status=$?
fi
if [ "$user_data_status" -ne 0 ]; then
  echo "spawn: the --user-data script exited with status $user_data_status; its output is in $user_data_log" |
    tee -a "$user_data_log" >&2
fi
)sh";
}

std::string command_section(const UserDataInput& input, const InstanceLayout& layout) {
  // What the login shell runs; its own quoting is done here, once, on fixed text.
  std::string run =
      "PATH=/usr/local/bin:$PATH exec bash " + shell_quote(layout.spawn_dir + "/command.sh");
  return "# --command, in the background, as the image's default user.\n" +
         write_verbatim("\"$spawn_dir/command.sh\"", "COMMAND", input.command) +
         fmt::format(R"sh(command_user={user}
command_log="$log_dir/spawn-command.log"
touch "$command_log"
chmod 0644 "$command_log"
chmod 0700 "$spawn_dir/command.sh"
if id -u "$command_user" > /dev/null 2>&1; then
  chown "$command_user" "$spawn_dir/command.sh" "$command_log"
  setsid nohup runuser -l "$command_user" -c {run} >> "$command_log" 2>&1 < /dev/null &
else
  echo "spawn: this image has no user $command_user; running --command as root" >> "$command_log"
  setsid nohup bash -l -c {run} >> "$command_log" 2>&1 < /dev/null &
fi
)sh",
                     fmt::arg("user", shell_quote(input.command_user)),
                     fmt::arg("run", shell_quote(run)));
}

bool is_user_name(std::string_view name) {
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  };
  return !name.empty() && name.size() <= kMaxUserNameLength && name.front() >= 'a' &&
         name.front() <= 'z' && std::all_of(name.begin(), name.end(), allowed);
}

Result<void> check_work(const UserDataInput& input) {
  if (input.user_script.find('\0') != std::string::npos)
    return fail(ErrorKind::usage, "the --user-data text contains a NUL byte",
                "--user-data takes a script (text), not a binary file.");
  if (input.command.find('\0') != std::string::npos)
    return fail(ErrorKind::usage, "the --command text contains a NUL byte");
  if (trim(input.user_script).starts_with("#cloud-config"))
    return fail(ErrorKind::usage,
                "spawn runs --user-data as a script; cloud-config is not supported",
                "Write the steps as a shell script (starting with #!/bin/bash).");
  if (!is_user_name(input.command_user))
    return fail(ErrorKind::usage,
                fmt::format("\"{}\" is not a user name to run --command as", input.command_user));
  return {};
}

Error too_big(std::size_t size, const UserDataInput& input) {
  return {ErrorKind::usage,
          fmt::format("the instance's user-data would be {} bytes (your --user-data {} bytes, "
                      "--command {} bytes); EC2 accepts at most {} bytes",
                      size, input.user_script.size(), input.command.size(), kMaxUserDataBytes),
          std::nullopt,
          "Put a long script in S3 or on the instance and give a short --user-data that fetches "
          "and runs it, or shorten --command."};
}

}  // namespace

Result<std::string> user_work_script(const UserDataInput& input, const InstanceLayout& layout) {
  if (auto checked = check_work(input); !checked)
    return std::unexpected(checked.error());
  std::string script = layout_variables(layout) + banner_section(input.motd);
  if (!input.user_script.empty())
    script += user_script_section(input.user_script);
  if (!input.command.empty())
    script += command_section(input, layout);
  return script;
}

Result<std::string> launch_user_data(const UserDataInput& input) {
  auto work = user_work_script(input);
  if (!work)
    return work;
  std::string script =
      "#!/bin/bash\n# Written by spawn launch: install spored, then the user's work.\n"
      "set -euo pipefail\n" +
      agent_install_script(input.agent, input.run_flags) + *work;
  if (script.size() > kMaxUserDataBytes)
    return std::unexpected(too_big(script.size(), input));
  return script;
}

Result<void> check_user_data_fits(const UserDataInput& input) {
  UserDataInput stand_in = input;
  stand_in.agent.url.assign(kAgentUrlAllowance, 'u');
  stand_in.agent.sha256.assign(64, '0');
  auto script = launch_user_data(stand_in);
  if (!script)
    return std::unexpected(script.error());
  return {};
}

}  // namespace spawn
