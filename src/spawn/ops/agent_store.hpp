// The agent store: spored's binaries in a private bucket in the user's own account, one
// per region, from which each instance downloads its agent through a presigned URL. It
// lives in the user's account so that launching needs no public bucket run by anyone
// else, nothing is fetched from outside the account, and removing spawn's traces is the
// user's own `aws s3 rb`. Keys carry spawn's version, so two versions side by side each
// find their own agent; each binary has its bare-hex sha256 beside it, which the
// instance checks before it runs the binary as root.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/client.hpp"
#include "core/agent_install.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// The architectures spored is built for, as EC2 names them.
inline constexpr std::array<std::string_view, 2> kAgentArchitectures = {"x86_64", "arm64"};

// How long an instance may take to fetch its agent. The URL goes into user-data, which runs
// when the instance has booted: minutes after the launch for a slow image or a spot request
// that waits, so an hour leaves room. It grants a GET of one object and nothing else; with
// temporary credentials it ends with them if they expire sooner.
inline constexpr std::chrono::seconds kAgentUrlLifetime{3600};

// "spawn-agent-<account in base 36>-<region>": at most 12 + 8 + 1 + region characters, a
// valid S3 name for every region. ErrorKind::usage unless `account_id` is 12 digits.
Result<std::string> agent_bucket_name(std::string_view account_id, std::string_view region);

// The file name of the agent for `arch` in dist/ and in the store: "spored-linux-amd64" for
// x86_64, "spored-linux-arm64" for arm64. ErrorKind::usage for any other architecture (an
// instance type spored cannot run on).
Result<std::string> agent_file_name(std::string_view arch);

// "spored/<spawn version>/<agent_file_name>"; its digest is at agent_digest_key(key).
Result<std::string> agent_object_key(std::string_view arch);
std::string agent_digest_key(std::string_view object_key);

// The published agent for `arch` in `bucket`: ONE GetObject of its .sha256, then the binary's
// URL presigned locally (no round trip). nullopt when the bucket or the object does not exist
// (nothing published for this version in this region yet).
Result<std::optional<AgentDownload>> find_agent(
    aws::AwsClient& client, const std::string& bucket, std::string_view arch,
    std::chrono::seconds url_lifetime = kAgentUrlLifetime);

// One binary as publish_agent left it in the store.
struct PublishedBinary {
  std::string arch;  // x86_64 or arm64
  std::string key;
  std::uint64_t size = 0;
  std::string sha256;
  bool uploaded = false;  // false: the store already held exactly this binary
};

struct PublishedAgent {
  std::string bucket;
  std::string region;
  std::vector<PublishedBinary> binaries;  // in kAgentArchitectures' order

  // Whether nothing had to be uploaded.
  bool up_to_date() const;
};

// Puts the binaries of `agent_dir` (see find_agent_dir) into `bucket` in the client's region:
// creates the bucket when missing, blocks all public access, makes SSE-S3 its default
// encryption and tags it (spawn:managed=true, spawn:created-by=spawn, spawn:purpose=agent),
// then uploads the binaries concurrently, each before its .sha256. A binary whose digest the store
// already holds is not uploaded again, so publishing twice costs no transfer. The local files
// are read and hashed while the bucket is created. `store` may say that the caller has just
// found this version missing (find_agent), which spares asking again.
enum class AgentStore { unknown, lacks_version };
Result<PublishedAgent> publish_agent(aws::AwsClient& client, const std::string& bucket,
                                     const std::filesystem::path& agent_dir,
                                     AgentStore store = AgentStore::unknown);

// The download of `arch`'s binary as `published` left it: a URL presigned here, no round
// trip. ErrorKind::not_found when `published` has no binary for `arch`.
Result<AgentDownload> published_download(aws::AwsClient& client, const PublishedAgent& published,
                                         std::string_view arch,
                                         std::chrono::seconds url_lifetime = kAgentUrlLifetime);

// Where this machine keeps the agents to publish: $SPAWN_AGENT_DIR; else
// <folder of the spawn executable>/../libexec/spawn (an installed spawn); else the build
// tree's agent/ folder and the source tree's dist/ (a developer's spawn). The first folder
// holding both binaries wins; $SPAWN_AGENT_DIR, when set, is the only one looked at.
// ErrorKind::not_found, naming what is missing, when no folder qualifies.
Result<std::filesystem::path> find_agent_dir(const Environment& env);

// The folders find_agent_dir tries after $SPAWN_AGENT_DIR, in order, for `executable`.
std::vector<std::filesystem::path> agent_dir_candidates(const std::filesystem::path& executable);

}  // namespace spawn::ops
