// Errors are values below the CLI: every fallible function returns Result<T>.
// The set of kinds is closed so the CLI can turn any error into one user message
// (and one exit code) in a single place.
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <utility>

namespace spawn {

enum class ErrorKind {
  usage,      // the user asked for something malformed
  auth,       // no credentials, bad credentials, access denied
  network,    // could not reach the endpoint, connection dropped
  timeout,    // an operation ran past its deadline
  aws,        // AWS answered with an error (see AwsError for details)
  not_found,  // the thing named does not exist
  conflict,   // it exists already, or is in the wrong state
  io,         // local file system or process trouble
  parse,      // a document (response, file) could not be understood
};

// What AWS (or localcloud speaking AWS) answered when a call failed, parsed from whichever
// error shape the service's protocol uses.
struct AwsError {
  std::string service;     // "ec2"
  std::string operation;   // "RunInstances"
  std::string code;        // "InvalidInstanceID.NotFound"
  std::string message;     // AWS's own text
  int http_status = 0;     // 0 when no response arrived
  std::string request_id;  // for support cases and --debug
  bool retryable = false;  // per the standard retry mode's rules
};

struct Error {
  ErrorKind kind;
  std::string message;          // what happened
  std::optional<AwsError> aws;  // set when the error came from an AWS answer
  std::string hint = {};        // what to do, when the failing code knows better than the
                                // generic advice for its kind
};

template <class T>
using Result = std::expected<T, Error>;

// Shorthand for `return fail(ErrorKind::io, "...")` inside functions returning Result<T>.
inline std::unexpected<Error> fail(ErrorKind kind, std::string message, std::string hint = {}) {
  return std::unexpected(Error{kind, std::move(message), std::nullopt, std::move(hint)});
}

const char* to_string(ErrorKind kind);

}  // namespace spawn
