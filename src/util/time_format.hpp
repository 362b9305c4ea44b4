// The timestamp spellings AWS uses: ISO-8601 in XML ("2015-12-22T10:44:05.000Z"),
// the SigV4 basic form ("20150830T123600Z"), and epoch seconds in JSON.
#pragma once

#include <string>
#include <string_view>

#include "util/clock.hpp"
#include "util/result.hpp"

namespace spawn {

// "20150830T123600Z", as in X-Amz-Date.
std::string format_amz_date(SystemTime time);
// "2015-08-30T12:36:00Z" (whole seconds, UTC).
std::string format_iso8601(SystemTime time);
// Accepts "YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm)" and the basic "YYYYMMDDThhmmssZ".
Result<SystemTime> parse_iso8601(std::string_view text);
// Epoch seconds, possibly fractional ("1582657288.8").
Result<SystemTime> parse_epoch_seconds(std::string_view text);
// HTTP-date as in the Date header ("Sun, 30 Aug 2015 12:36:00 GMT").
Result<SystemTime> parse_http_date(std::string_view text);

}  // namespace spawn
