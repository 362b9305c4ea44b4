// publish_agent writes each binary before its digest, so an interrupted publish never
// leaves a digest that vouches for a binary which is not there: publishing again compares
// digests and repairs it. An instance that fetches the pair in between sees the old digest
// with the new binary and refuses it, saying so. Both carry x-amz-server-side-encryption so
// they are encrypted even in a bucket whose default encryption someone turned off.
#include "spawn/ops/agent_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "aws/s3.hpp"
#include "core/launch_tags.hpp"
#include "core/version.hpp"
#include "spawn/ops/own_client.hpp"
#include "spawn/ops/parallel.hpp"
#include "util/crypto.hpp"
#include "util/file.hpp"
#include "util/strings.hpp"

namespace spawn::ops {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDigestSuffix = ".sha256";
constexpr std::size_t kDigestLength = 64;
constexpr std::string_view kAlreadyOwned = "BucketAlreadyOwnedByYou";
constexpr std::string_view kLegacyRegion = "us-east-1";
constexpr std::string_view kMissingAgentHint =
    "Run `make dist` in spawn's source tree, or set SPAWN_AGENT_DIR to a folder holding "
    "spored-linux-amd64 and spored-linux-arm64.";
constexpr std::string_view kRepublishHint = "Run `spawn agent publish` to upload the agent again.";

// A binary of the agent dir, read and hashed.
struct LocalBinary {
  std::string arch;
  std::string key;
  std::string body;
  std::string sha256;
};

bool is_digest(std::string_view text) {
  return text.size() == kDigestLength && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The digest stored beside `key`; nullopt when the bucket or the digest does not exist.
Result<std::optional<std::string>> stored_digest(aws::S3Client& s3, const std::string& bucket,
                                                 const std::string& key) {
  auto object = s3.get_object(bucket, agent_digest_key(key));
  if (!object && object.error().kind == ErrorKind::not_found)
    return std::nullopt;
  if (!object)
    return std::unexpected(object.error());
  std::string digest(trim(object->body));
  if (!is_digest(digest))
    return fail(
        ErrorKind::parse,
        fmt::format("s3://{}/{} does not hold a sha256 digest", bucket, agent_digest_key(key)),
        std::string(kRepublishHint));
  return digest;
}

// A missing binary is told before the bucket is created, which would then hold nothing.
Result<void> require_local_binaries(const fs::path& agent_dir) {
  for (std::string_view arch : kAgentArchitectures) {
    fs::path path = agent_dir / *agent_file_name(arch);
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
      return fail(ErrorKind::not_found, fmt::format("cannot read {}: no such file", path.string()),
                  std::string(kMissingAgentHint));
    }
  }
  return {};
}

Result<LocalBinary> read_local_binary(const fs::path& agent_dir, std::string_view arch) {
  auto name = agent_file_name(arch);
  auto key = agent_object_key(arch);
  auto body = read_file(agent_dir / *name);
  if (!body) {
    body.error().hint = std::string(kMissingAgentHint);
    return std::unexpected(body.error());
  }
  auto digest = sha256_hex(*body);
  return LocalBinary{std::string(arch), *key, std::move(*body), std::move(digest)};
}

// Whether the bucket is new (and so holds nothing yet).
enum class Bucket { created, existed };

// In us-east-1 S3 answers 200 to CreateBucket for a bucket the caller already owns (it
// resets its ACLs), so there a success does not prove the bucket is new.
Result<Bucket> create_bucket_unless_owned(aws::S3Client& s3, const std::string& bucket,
                                          std::string_view region) {
  auto created = s3.create_bucket(bucket);
  if (!created && created.error().aws && created.error().aws->code == kAlreadyOwned)
    return Bucket::existed;
  if (!created)
    return std::unexpected(created.error());
  return region == kLegacyRegion ? Bucket::existed : Bucket::created;
}

std::vector<aws::Tag> bucket_tags() {
  return {{"spawn:managed", "true"}, {"spawn:created-by", "spawn"}, {"spawn:purpose", "agent"}};
}

aws::PutObjectRequest encrypted_put(const std::string& bucket, std::string key, std::string body,
                                    std::string content_type) {
  return {.bucket = bucket,
          .key = std::move(key),
          .body = std::move(body),
          .content_type = std::move(content_type),
          .encryption = aws::ServerSideEncryption::aes256,
          .tags = {}};
}

// Whether the store holds exactly `binary`: its digest matches and the binary itself is there
// with its size (a publish interrupted between the two uploads leaves a digest alone). Both
// are asked at once.
Result<bool> holds(const aws::AwsClient& client, const std::string& bucket,
                   const LocalBinary& binary) {
  Result<std::optional<std::string>> stored = std::nullopt;
  Result<aws::ObjectInfo> object = aws::ObjectInfo{};
  run_all({[&] {
             stored = call_with_own<aws::S3Client>(
                 client, [&](aws::S3Client& s3) { return stored_digest(s3, bucket, binary.key); });
           },
           [&] {
             object = call_with_own<aws::S3Client>(
                 client, [&](aws::S3Client& s3) { return s3.head_object(bucket, binary.key); });
           }});
  if (!stored && stored.error().kind != ErrorKind::parse)
    return std::unexpected(stored.error());
  if (!object && object.error().kind != ErrorKind::not_found)
    return std::unexpected(object.error());
  return stored && *stored == binary.sha256 && object &&
         object->size == static_cast<std::int64_t>(binary.body.size());
}

// Uploads the binary and its digest at once, unless the store holds them already (a new
// bucket outside us-east-1 is known to be empty; see create_bucket_unless_owned).
Result<PublishedBinary> publish_binary(const aws::AwsClient& client, const std::string& bucket,
                                       const LocalBinary& binary, Bucket state) {
  PublishedBinary published{binary.arch, binary.key, binary.body.size(), binary.sha256, false};
  if (state == Bucket::existed) {
    auto held = holds(client, bucket, binary);
    if (!held)
      return std::unexpected(held.error());
    if (*held)
      return published;
  }
  Result<void> body_put;
  Result<void> digest_put;
  run_all({[&] {
             body_put = call_with_own<aws::S3Client>(client, [&](aws::S3Client& s3) {
               return s3.put_object(
                   encrypted_put(bucket, binary.key, binary.body, "application/octet-stream"));
             });
           },
           [&] {
             digest_put = call_with_own<aws::S3Client>(client, [&](aws::S3Client& s3) {
               return s3.put_object(encrypted_put(bucket, agent_digest_key(binary.key),
                                                  binary.sha256 + "\n", "text/plain"));
             });
           }});
  for (const auto* put : {&body_put, &digest_put}) {
    if (!*put)
      return std::unexpected(put->error());
  }
  published.uploaded = true;
  return published;
}

// The bucket's settings and the uploads, each on its own thread with its own client.
Result<std::vector<PublishedBinary>> configure_and_upload(aws::AwsClient& client,
                                                          const std::string& bucket,
                                                          const std::vector<LocalBinary>& local,
                                                          Bucket state) {
  using Setting = Result<void> (*)(aws::S3Client&, const std::string&);
  std::vector<Setting> settings = {
      [](aws::S3Client& s3, const std::string& b) { return s3.put_public_access_block(b); },
      [](aws::S3Client& s3, const std::string& b) { return s3.put_bucket_encryption(b); },
      [](aws::S3Client& s3, const std::string& b) {
        return s3.put_bucket_tagging(b, bucket_tags());
      },
  };
  std::vector<Result<void>> applied(settings.size());
  std::vector<Result<PublishedBinary>> uploaded(local.size(), PublishedBinary{});
  std::vector<std::function<void()>> tasks;
  for (std::size_t i = 0; i < settings.size(); ++i)
    tasks.emplace_back([&, i] {
      applied[i] = call_with_own<aws::S3Client>(
          client, [&](aws::S3Client& s3) { return settings[i](s3, bucket); });
    });
  for (std::size_t i = 0; i < local.size(); ++i)
    tasks.emplace_back([&, i] { uploaded[i] = publish_binary(client, bucket, local[i], state); });
  run_all(std::move(tasks));
  for (auto& result : applied)
    if (!result)
      return std::unexpected(result.error());
  std::vector<PublishedBinary> binaries;
  for (auto& result : uploaded) {
    if (!result)
      return std::unexpected(result.error());
    binaries.push_back(std::move(*result));
  }
  return binaries;
}

}  // namespace

Result<std::string> agent_bucket_name(std::string_view account_id, std::string_view region) {
  auto account = account_base36(account_id);
  if (!account)
    return account;
  return fmt::format("spawn-agent-{}-{}", *account, region);
}

Result<std::string> agent_file_name(std::string_view arch) {
  if (arch == "x86_64")
    return std::string("spored-linux-amd64");
  if (arch == "arm64")
    return std::string("spored-linux-arm64");
  return fail(ErrorKind::usage,
              fmt::format("spored runs on x86_64 and arm64 instances, not on {}", arch),
              "Choose an instance type with an x86_64 or arm64 processor.");
}

Result<std::string> agent_object_key(std::string_view arch) {
  auto name = agent_file_name(arch);
  if (!name)
    return name;
  return fmt::format("spored/{}/{}", kVersion, *name);
}

std::string agent_digest_key(std::string_view object_key) {
  return std::string(object_key) + std::string(kDigestSuffix);
}

Result<std::optional<AgentDownload>> find_agent(aws::AwsClient& client, const std::string& bucket,
                                                std::string_view arch,
                                                std::chrono::seconds url_lifetime) {
  auto key = agent_object_key(arch);
  if (!key)
    return std::unexpected(key.error());
  aws::S3Client s3(client);
  auto digest = stored_digest(s3, bucket, *key);
  if (!digest || !*digest)
    return digest ? Result<std::optional<AgentDownload>>(std::nullopt)
                  : std::unexpected(digest.error());
  auto url = s3.presign_get(bucket, *key, url_lifetime);
  if (!url)
    return std::unexpected(url.error());
  return AgentDownload{std::move(*url), std::move(**digest)};
}

Result<PublishedAgent> publish_agent(aws::AwsClient& client, const std::string& bucket,
                                     const fs::path& agent_dir, AgentStore store) {
  if (auto present = require_local_binaries(agent_dir); !present)
    return std::unexpected(present.error());
  // Each binary read and hashed on its own thread while the bucket is created.
  std::vector<Result<LocalBinary>> binaries_read(kAgentArchitectures.size(), LocalBinary{});
  Result<Bucket> state = Bucket::existed;
  std::vector<std::function<void()>> tasks;
  for (std::size_t i = 0; i < kAgentArchitectures.size(); ++i)
    tasks.emplace_back(
        [&, i] { binaries_read[i] = read_local_binary(agent_dir, kAgentArchitectures[i]); });
  tasks.emplace_back([&] {
    state = call_with_own<aws::S3Client>(client, [&](aws::S3Client& s3) {
      return create_bucket_unless_owned(s3, bucket, client.region());
    });
  });
  run_all(std::move(tasks));
  std::vector<LocalBinary> local;
  for (auto& binary : binaries_read) {
    if (!binary)
      return std::unexpected(binary.error());
    local.push_back(std::move(*binary));
  }
  if (!state)
    return std::unexpected(state.error());
  if (store == AgentStore::lacks_version)
    state = Bucket::created;  // nothing of this version to compare with
  auto binaries = configure_and_upload(client, bucket, local, *state);
  if (!binaries)
    return std::unexpected(binaries.error());
  return PublishedAgent{bucket, client.region(), std::move(*binaries)};
}

Result<AgentDownload> published_download(aws::AwsClient& client, const PublishedAgent& published,
                                         std::string_view arch, std::chrono::seconds url_lifetime) {
  auto binary = std::find_if(published.binaries.begin(), published.binaries.end(),
                             [&](const PublishedBinary& entry) { return entry.arch == arch; });
  if (binary == published.binaries.end()) {
    return fail(ErrorKind::not_found,
                fmt::format("no agent for {} was published to {}", arch, published.bucket));
  }
  auto url = aws::S3Client(client).presign_get(published.bucket, binary->key, url_lifetime);
  if (!url)
    return std::unexpected(url.error());
  return AgentDownload{std::move(*url), binary->sha256};
}

bool PublishedAgent::up_to_date() const {
  return std::none_of(binaries.begin(), binaries.end(),
                      [](const PublishedBinary& binary) { return binary.uploaded; });
}

}  // namespace spawn::ops
