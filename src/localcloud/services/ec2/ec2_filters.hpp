// EC2's Filter.N parameters and how a document matches them. A filter matches
// when any of its values matches any of the document's values for that name
// (values may use the * and ? wildcards); a document matches when every filter
// matches. The tag filters (tag:<key>, tag-key, tag-value) work the same for
// every resource, reading the document's "Tags" object; every other name is
// looked up in the resource kind's own table, and a name the table does not
// know is an error, as EC2 answers for an unsupported filter.
#pragma once

#include <expected>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/api/api.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

struct Ec2Filter {
  std::string name;
  std::vector<std::string> values;
};

// The document's values for one filter name ("instance-state-name" → {"running"}).
using FilterField = std::function<std::vector<std::string>(const Json& document)>;
using FilterTable = std::map<std::string, FilterField, std::less<>>;

// A FilterField reading a string member by JSON pointer ("/State/Name").
FilterField member(const std::string& pointer);
// A FilterField reading one string member of each element of an array ("/Groups", "/GroupId").
FilterField members_of(const std::string& array_pointer, const std::string& member_pointer);

// Reads Filter.N.Name / Filter.N.Value.M; a filter without a name or values is
// InvalidParameterValue. Names the table does not know (tags aside) are InvalidParameterValue.
std::expected<std::vector<Ec2Filter>, ApiError> parse_filters(const FormParams& params,
                                                              const FilterTable& table);

bool matches(const Json& document, const std::vector<Ec2Filter>& filters, const FilterTable& table);

// Whether `text` matches `pattern`, where * is any run of characters and ? any one.
bool wildcard_match(std::string_view pattern, std::string_view text);

}  // namespace spawn::localcloud
