// Why this shape: AWS error bodies differ per protocol, but servers in between
// (proxies, load balancers, localcloud while starting) do not care about the
// protocol. So each reader only says whether it recognised the body; the
// protocol picks which shape is tried first, the other shape is tried second,
// and anything left is described from the HTTP status and a cleaned-up snippet
// of the body. Nothing here throws: JSON is parsed without exceptions and XML
// by pugixml, which never throws.
#include "aws/error_parse.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <string>

#include "aws/json_fields.hpp"
#include "aws/xml.hpp"
#include "util/strings.hpp"

namespace spawn::aws {

namespace {

constexpr std::size_t kMaxBodySnippet = 200;

// EC2 <Response><Errors><Error>, query and S3-behind-query <ErrorResponse><Error>, S3 <Error>.
bool read_xml_error(std::string_view body, AwsError& error) {
  auto document = xml::parse(body, "error response");
  if (!document)
    return false;
  pugi::xml_node root = (*document)->document_element();
  pugi::xml_node node = xml::local_name(root) == "Error" ? root : xml::child(root, "Error");
  if (!node)
    node = xml::child(root, "Errors/Error");
  std::string code(trim(xml::text(node, "Code")));
  if (code.empty())
    return false;
  error.code = std::move(code);
  error.message = trim(xml::text(node, "Message"));
  for (std::string_view name : {"RequestID", "RequestId"}) {
    if (error.request_id.empty())
      error.request_id = xml::text(root, name);
  }
  if (error.request_id.empty())
    error.request_id = xml::text(node, "RequestId");
  return true;
}

// "aws.protocoltests.restjson#FooError:http://internal..." -> "FooError": the part before
// the first ':', then after the last '#' (botocore's order).
std::string bare_error_code(std::string_view text) {
  text = text.substr(0, text.find(':'));
  if (std::size_t hash = text.rfind('#'); hash != std::string_view::npos)
    text.remove_prefix(hash + 1);
  return std::string(trim(text));
}

// JSON 1.0/1.1 and rest-json: x-amzn-ErrorType, else body __type, else body code.
bool read_json_error(const HttpResponse& response, AwsError& error) {
  auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object())
    body = nlohmann::json::object();
  std::string raw_code(response.header("x-amzn-ErrorType").value_or(""));
  for (std::string_view field : {"__type", "code"}) {
    if (raw_code.empty())
      raw_code = string_field(body, field);
  }
  std::string code = bare_error_code(raw_code);
  if (code.empty())
    return false;
  error.code = std::move(code);
  std::string message = string_field(body, "message");
  if (message.empty())
    message = string_field(body, "Message");
  error.message = trim(message);
  return true;
}

struct StatusName {
  int status;
  std::string_view code;    // S3's name for a bodiless answer (HEAD)
  std::string_view reason;  // the HTTP reason phrase
};

constexpr std::array kStatusNames{
    StatusName{301, "PermanentRedirect", "Moved Permanently"},
    StatusName{304, "NotModified", "Not Modified"},
    StatusName{307, "TemporaryRedirect", "Temporary Redirect"},
    StatusName{400, "BadRequest", "Bad Request"},
    StatusName{401, "Unauthorized", "Unauthorized"},
    StatusName{403, "Forbidden", "Forbidden"},
    StatusName{404, "NotFound", "Not Found"},
    StatusName{405, "MethodNotAllowed", "Method Not Allowed"},
    StatusName{409, "Conflict", "Conflict"},
    StatusName{412, "PreconditionFailed", "Precondition Failed"},
    StatusName{429, "TooManyRequests", "Too Many Requests"},
    StatusName{500, "InternalError", "Internal Server Error"},
    StatusName{502, "BadGateway", "Bad Gateway"},
    StatusName{503, "ServiceUnavailable", "Service Unavailable"},
    StatusName{504, "GatewayTimeout", "Gateway Timeout"},
};

const StatusName* find_status_name(int status) {
  auto found = std::find_if(kStatusNames.begin(), kStatusNames.end(),
                            [status](const StatusName& entry) { return entry.status == status; });
  return found == kStatusNames.end() ? nullptr : &*found;
}

// Length of the valid UTF-8 sequence starting at text[0], or 0 when invalid or unprintable.
std::size_t printable_length(std::string_view text) {
  auto lead = static_cast<unsigned char>(text[0]);
  if (lead < 0x80)
    return (lead >= 0x20 && lead < 0x7F) ? 1 : 0;
  std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || text.size() < length)
    return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
      return 0;
  }
  return length;
}

// `body` with every <tag> replaced by a space, when it looks like HTML or XML.
std::string without_markup(std::string_view body) {
  std::string text;
  bool in_tag = false;
  for (char c : body) {
    if (c == '<' || c == '>') {
      in_tag = c == '<';
      text += ' ';
    } else if (!in_tag) {
      text += c;
    }
  }
  return text;
}

// Up to kMaxBodySnippet bytes of the body's text: markup removed, runs of whitespace,
// control characters and invalid UTF-8 collapsed to single spaces.
std::string body_snippet(std::string_view body) {
  std::string text = trim(body).starts_with('<') ? without_markup(body) : std::string(body);
  std::string_view rest = text;
  std::string snippet;
  while (!rest.empty()) {
    std::size_t length = printable_length(rest);
    if (length == 0 || rest[0] == ' ') {
      if (!snippet.empty() && snippet.back() != ' ')
        snippet += ' ';
      rest.remove_prefix(std::max<std::size_t>(length, 1));
      continue;
    }
    if (snippet.size() + length > kMaxBodySnippet)
      break;
    snippet += rest.substr(0, length);
    rest.remove_prefix(length);
  }
  return std::string(trim(snippet));
}

// The answer was neither AWS shape: describe it from the status and the body text.
void describe_from_status(Protocol protocol, const HttpResponse& response, AwsError& error) {
  const StatusName* name = find_status_name(response.status);
  bool bodiless = trim(response.body).empty();
  if (protocol == Protocol::rest_xml && bodiless && name != nullptr) {
    error.code = std::string(name->code);
  } else {
    error.code = "HTTP" + std::to_string(response.status);
  }
  error.message = body_snippet(response.body);
  if (error.message.empty()) {
    error.message = name != nullptr ? std::string(name->reason)
                                    : "HTTP status " + std::to_string(response.status);
  }
}

std::string header_request_id(const HttpResponse& response) {
  for (std::string_view header : {"x-amzn-RequestId", "x-amz-request-id"}) {
    if (auto value = response.header(header))
      return std::string(trim(*value));
  }
  return "";
}

}  // namespace

AwsError parse_error_response(Protocol protocol, const HttpResponse& response) {
  AwsError error;
  error.http_status = response.status;
  bool json_first = protocol == Protocol::json || protocol == Protocol::rest_json;
  bool recognised = json_first
                        ? read_json_error(response, error) || read_xml_error(response.body, error)
                        : read_xml_error(response.body, error) || read_json_error(response, error);
  if (!recognised)
    describe_from_status(protocol, response, error);
  if (error.request_id.empty())
    error.request_id = header_request_id(response);
  return error;
}

namespace {

struct CodePattern {
  enum class Match { exact, prefix, suffix, contains };
  Match match;
  std::string_view text;

  bool matches(std::string_view code) const {
    switch (match) {
      case Match::exact: return code == text;
      case Match::prefix: return code.starts_with(text);
      case Match::suffix: return code.ends_with(text);
      case Match::contains: return code.find(text) != std::string_view::npos;
    }
    return false;
  }
};

struct KindRule {
  CodePattern pattern;
  ErrorKind kind;
};

using M = CodePattern::Match;

// Checked in order: the first match wins, so "InvalidParameter.NotFound" is not_found.
constexpr std::array kKindRules{
    // auth
    KindRule{{M::prefix, "AuthFailure"}, ErrorKind::auth},
    KindRule{{M::exact, "UnauthorizedOperation"}, ErrorKind::auth},
    KindRule{{M::prefix, "AccessDenied"}, ErrorKind::auth},
    KindRule{{M::exact, "InvalidClientTokenId"}, ErrorKind::auth},
    KindRule{{M::exact, "SignatureDoesNotMatch"}, ErrorKind::auth},
    KindRule{{M::exact, "IncompleteSignature"}, ErrorKind::auth},
    KindRule{{M::prefix, "ExpiredToken"}, ErrorKind::auth},
    KindRule{{M::exact, "InvalidToken"}, ErrorKind::auth},
    KindRule{{M::exact, "UnrecognizedClientException"}, ErrorKind::auth},
    KindRule{{M::exact, "RequestExpired"}, ErrorKind::auth},
    KindRule{{M::exact, "Forbidden"}, ErrorKind::auth},
    // not_found
    KindRule{{M::suffix, "NotFound"}, ErrorKind::not_found},
    KindRule{{M::prefix, "NoSuch"}, ErrorKind::not_found},
    KindRule{{M::exact, "ResourceNotFoundException"}, ErrorKind::not_found},
    // conflict
    KindRule{{M::suffix, ".Duplicate"}, ErrorKind::conflict},
    KindRule{{M::contains, "AlreadyExists"}, ErrorKind::conflict},
    KindRule{{M::exact, "DependencyViolation"}, ErrorKind::conflict},
    KindRule{{M::exact, "IncorrectInstanceState"}, ErrorKind::conflict},
    KindRule{{M::exact, "IncorrectState"}, ErrorKind::conflict},
    KindRule{{M::exact, "IdempotentParameterMismatch"}, ErrorKind::conflict},
    KindRule{{M::exact, "BucketAlreadyOwnedByYou"}, ErrorKind::conflict},
    KindRule{{M::exact, "ConditionalCheckFailedException"}, ErrorKind::conflict},
    KindRule{{M::exact, "ResourceInUseException"}, ErrorKind::conflict},
    KindRule{{M::exact, "ConflictException"}, ErrorKind::conflict},
    // usage
    KindRule{{M::prefix, "InvalidParameter"}, ErrorKind::usage},
    KindRule{{M::exact, "ValidationError"}, ErrorKind::usage},
    KindRule{{M::exact, "ValidationException"}, ErrorKind::usage},
    KindRule{{M::exact, "MissingParameter"}, ErrorKind::usage},
};

}  // namespace

ErrorKind error_kind_for(const AwsError& error) {
  for (const KindRule& rule : kKindRules) {
    if (rule.pattern.matches(error.code))
      return rule.kind;
  }
  return ErrorKind::aws;
}

}  // namespace spawn::aws
