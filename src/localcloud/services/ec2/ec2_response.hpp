// EC2's answers: <OperationResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
// with <requestId> first, lower-camel element names from the model's locationName,
// and lists as <item> children.
#pragma once

#include <pugixml.hpp>
#include <string_view>

#include "aws/http.hpp"
#include "localcloud/api/api.hpp"

namespace spawn::localcloud {

inline constexpr std::string_view kEc2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

class Ec2Response {
 public:
  Ec2Response(std::string_view operation, std::string_view request_id);
  // The response element; append the operation's members to it.
  pugi::xml_node root() const { return root_; }
  aws::HttpResponse finish() const;

 private:
  pugi::xml_document document_;
  pugi::xml_node root_;
};

// The answer of operations that only report success: <return>true</return>.
aws::HttpResponse ec2_return_true(const ApiRequest& request);

}  // namespace spawn::localcloud
