#include "localcloud/services/ec2/ec2_response.hpp"

#include "localcloud/api/responses.hpp"

namespace spawn::localcloud {

Ec2Response::Ec2Response(std::string_view operation, std::string_view request_id) {
  root_ = add_node(document_, std::string(operation) + "Response");
  root_.append_attribute("xmlns").set_value(std::string(kEc2Namespace).c_str());
  add_text(root_, "requestId", request_id);
}

aws::HttpResponse Ec2Response::finish() const {
  return xml_response(document_);
}

aws::HttpResponse ec2_return_true(const ApiRequest& request) {
  Ec2Response response(request.operation, request.request_id);
  add_text(response.root(), "return", "true");
  return response.finish();
}

}  // namespace spawn::localcloud
