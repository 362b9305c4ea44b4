// The offer is read field by field; the first bad field stops the reading and the
// error names it with the value found, since the user has to find it in a pipe.
// Where the JSON itself breaks comes from a second, SAX pass over the text: the
// non-throwing parse only says that it failed.
#include "core/truffle_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "util/strings.hpp"

namespace spawn {
namespace {

using nlohmann::json;

constexpr std::size_t kExcerptBytes = 40;

// Accepts every event and keeps the message of the error that stopped the parser.
class SyntaxErrorRecorder final : public nlohmann::json_sax<json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const json::exception& error) override {
    message = error.what();
    return false;
  }

  std::string message;
};

// "line 1, column 9: syntax error while parsing value - invalid literal; last read: 'yes'",
// without nlohmann's "[json.exception.parse_error.101] parse error at " in front.
std::string syntax_error(std::string_view text) {
  SyntaxErrorRecorder recorder;
  json::sax_parse(text, &recorder);
  std::string_view message = recorder.message;
  if (auto end = message.find("] "); end != std::string_view::npos)
    message.remove_prefix(end + 2);
  if (message.starts_with("parse error at "))
    message.remove_prefix(std::string_view("parse error at ").size());
  return std::string(message);
}

// A value as the user would find it in the input: scalars in JSON (cut short when long),
// lists and objects by kind only, which also keeps deep nesting from recursing here.
std::string excerpt(const json& value) {
  if (value.is_array())
    return "a list";
  if (value.is_object())
    return "an object";
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() <= kExcerptBytes)
    return text;
  std::size_t cut = kExcerptBytes;
  while (cut > 0 && (text[cut] & 0xC0) == 0x80)  // not inside a UTF-8 sequence
    --cut;
  return text.substr(0, cut) + "...";
}

// The fields of one object; the first problem is kept and later reads do nothing.
class FieldReader {
 public:
  explicit FieldReader(const json& object) : object_(object) {}

  void text(std::string_view field, std::string& out) {
    const json* value = find(field);
    if (value && value->is_string())
      out = value->get<std::string>();
    else if (value)
      refuse(field, "a string", *value);
  }

  void texts(std::string_view field, std::vector<std::string>& out) {
    const json* value = find(field);
    if (!value)
      return;
    if (!value->is_array())
      return refuse(field, "a list of strings", *value);
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      if (!item.is_string())
        return refuse(fmt::format("{}[{}]", field, i), "a string", item);
      out.push_back(item.get<std::string>());
    }
  }

  void flag(std::string_view field, bool& out) {
    const json* value = find(field);
    if (value && value->is_boolean())
      out = value->get<bool>();
    else if (value)
      refuse(field, "true or false", *value);
  }

  // A whole number of 0 or more; 4096.0 counts, as some JSON writers spell it so.
  void count(std::string_view field, std::optional<std::int64_t>& out) {
    const json* value = find(field);
    if (!value)
      return;
    constexpr double kLargest = 1e15;  // far beyond any vCPU, MiB or capacity count
    double number = value->is_number() ? value->get<double>() : -1;
    if (number < 0 || number > kLargest || std::trunc(number) != number)
      return refuse(field, "a whole number of 0 or more", *value);
    out = static_cast<std::int64_t>(number);
  }

  void price(std::string_view field, std::optional<double>& out) {
    const json* value = find(field);
    if (!value)
      return;
    if (!value->is_number() || value->get<double>() < 0)
      return refuse(field, "a price of 0 or more (a number, in USD per hour)", *value);
    out = value->get<double>();
  }

  void refuse(std::string_view field, std::string_view expected, const json& value) {
    if (!error_) {
      error_ = fail(ErrorKind::usage, fmt::format("truffle input: \"{}\" must be {}, not {}", field,
                                                  expected, excerpt(value)))
                   .error();
    }
  }

  Result<void> result() const {
    if (error_)
      return std::unexpected(*error_);
    return {};
  }

 private:
  // nullptr when absent or null, or when an earlier problem stops the reading.
  const json* find(std::string_view field) const {
    if (error_)
      return nullptr;
    auto it = object_.find(field);
    return it == object_.end() || it->is_null() ? nullptr : &*it;
  }

  const json& object_;
  std::optional<Error> error_;
};

// Family, a dot, then size: "m7i.large", "u-6tb1.112xlarge", "mac2-m2pro.metal".
bool looks_like_instance_type(std::string_view text) {
  auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  };
  auto dot = text.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == text.size() || text.front() == '-')
    return false;
  auto family = text.substr(0, dot);
  auto size = text.substr(dot + 1);
  return std::all_of(family.begin(), family.end(), allowed) &&
         std::all_of(size.begin(), size.end(), allowed);
}

Result<TruffleInput> read_offer(const json& offer) {
  TruffleInput input;
  FieldReader fields(offer);
  fields.text("instance_type", input.instance_type);
  fields.text("region", input.region);
  fields.text("availability_zone", input.availability_zone);
  fields.texts("availability_zones", input.availability_zones);
  fields.count("vcpus", input.vcpus);
  fields.count("memory_mib", input.memory_mib);
  fields.text("architecture", input.architecture);
  fields.flag("spot", input.spot);
  fields.price("spot_price", input.spot_price);
  fields.price("on_demand_price", input.on_demand_price);
  fields.text("reservation_id", input.reservation_id);
  fields.count("available_capacity", input.available_capacity);
  if (!input.instance_type.empty() && !looks_like_instance_type(input.instance_type))
    fields.refuse("instance_type", "an EC2 instance type such as \"m7i.large\"",
                  input.instance_type);
  if (auto read = fields.result(); !read)
    return std::unexpected(read.error());
  if (input.spot && input.spot_price.value_or(0) > 0)
    input.spot_max_price = fmt::format("{:.4f}", *input.spot_price);
  return input;
}

}  // namespace

Result<std::optional<TruffleInput>> parse_truffle_input(std::string_view text) {
  if (trim(text).empty())
    return std::nullopt;
  auto document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded())
    return fail(ErrorKind::usage, "truffle input is not valid JSON: " + syntax_error(text));
  const json* offer = &document;
  if (document.is_array()) {
    if (document.empty())
      return fail(ErrorKind::usage, "truffle input: empty input array (truffle found no offer)");
    offer = &document.front();
  }
  if (!offer->is_object()) {
    return fail(ErrorKind::usage,
                fmt::format("truffle input: expected an offer (a JSON object, or a list of them), "
                            "not {}",
                            excerpt(*offer)));
  }
  return read_offer(*offer);
}

}  // namespace spawn
