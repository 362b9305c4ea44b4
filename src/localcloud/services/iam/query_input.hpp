// Input checks for the AWS query protocol services (IAM, STS), answering as
// their front ends do: one ValidationError (400) listing every broken member,
// "2 validation errors detected: Value null at 'roleName' failed to satisfy
// constraint: Member must not be null; Value 'a b' at 'path' ...". Members are
// named in lower camel case, as AWS names them in these messages. Each rule
// mirrors a shape of the service model (length, pattern, integer range).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/api/api.hpp"

namespace spawn::localcloud::iam {

// A string shape: length bounds and the model's pattern, as text (for the message) and
// as a test of the whole value (nullptr: any text).
struct TextShape {
  std::size_t min_length = 1;
  std::size_t max_length = 0;  // 0: unbounded
  std::string_view pattern;
  bool (*matches)(std::string_view value) = nullptr;
};

// An integer shape: its inclusive range.
struct IntegerShape {
  long long min = 0;
  long long max = 0;
};

enum class Need { required, optional };

struct InputRule {
  std::string member;  // the wire name: "RoleName", "Tags.member.1.Key"
  Need need;
  TextShape text = {};
  std::optional<IntegerShape> integer = std::nullopt;  // set: the member is an integer
};

// The ValidationError for every rule `params` breaks, or nullopt when all hold.
std::optional<ApiError> check_input(const FormParams& params, const std::vector<InputRule>& rules);

// The integer member `member` (already checked by an integer rule), or `fallback` when absent.
long long integer_param(const FormParams& params, std::string_view member, long long fallback);

// ValidationError with AWS's prefix ("1 validation error detected: ") before each problem.
ApiError validation_error(const std::vector<std::string>& problems);

// The shapes IAM and STS share.
namespace shapes {
// [\w+=,.@-]+ : role, instance profile and policy names.
bool is_name(std::string_view value);
// (/)|(/[\x21-\x7F]+/) : IAM paths.
bool is_path(std::string_view value);
// \u002F[\u0021-\u007F]* : the PathPrefix of the list calls.
bool is_path_prefix(std::string_view value);
// [\p{L}\p{Z}\p{N}_.:/=+\-@]* : tag keys and values (non-ASCII letters pass).
bool is_tag_text(std::string_view value);

inline constexpr TextShape kRoleName{1, 64, "[\\w+=,.@-]+", is_name};
inline constexpr TextShape kProfileName{1, 128, "[\\w+=,.@-]+", is_name};
inline constexpr TextShape kPolicyName{1, 128, "[\\w+=,.@-]+", is_name};
inline constexpr TextShape kPath{1, 512, "(\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)", is_path};
inline constexpr TextShape kPathPrefix{1, 512, "\\u002F[\\u0021-\\u007F]*", is_path_prefix};
inline constexpr TextShape kPolicyDocument{1, 131072, "", nullptr};
inline constexpr TextShape kArn{20, 2048, "", nullptr};
inline constexpr TextShape kDescription{0, 1000, "", nullptr};
inline constexpr TextShape kMarker{1, 320, "", nullptr};
inline constexpr TextShape kTagKey{1, 128, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+", is_tag_text};
inline constexpr TextShape kTagValue{0, 256, "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*", is_tag_text};
inline constexpr IntegerShape kMaxItems{1, 1000};
}  // namespace shapes

// Rules for every Tags.member.N of `params`: a Key and a Value, each of its tag shape.
std::vector<InputRule> tag_rules(const FormParams& params);

}  // namespace spawn::localcloud::iam
