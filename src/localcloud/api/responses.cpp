#include "localcloud/api/responses.hpp"

#include <sstream>

namespace spawn::localcloud {
namespace {

std::string serialize(const pugi::xml_document& document) {
  std::ostringstream out;
  document.save(out, "", pugi::format_raw);
  return out.str();
}

}  // namespace

pugi::xml_node add_text(pugi::xml_node parent, std::string_view name, std::string_view text) {
  pugi::xml_node node = add_node(parent, name);
  node.text().set(std::string(text).c_str());
  return node;
}

pugi::xml_node add_node(pugi::xml_node parent, std::string_view name) {
  return parent.append_child(std::string(name).c_str());
}

aws::HttpResponse xml_response(const pugi::xml_document& document, int status,
                               std::string_view content_type) {
  aws::HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", std::string(content_type));
  response.body = serialize(document);
  return response;
}

aws::HttpResponse json_response(const nlohmann::json& body, std::string_view content_type) {
  aws::HttpResponse response;
  response.status = 200;
  response.headers.emplace_back("Content-Type", std::string(content_type));
  response.body = body.dump();
  return response;
}

QueryResponse::QueryResponse(std::string_view operation, std::string_view xml_namespace,
                             std::string_view request_id) {
  pugi::xml_node root = add_node(document_, std::string(operation) + "Response");
  root.append_attribute("xmlns").set_value(std::string(xml_namespace).c_str());
  result_ = add_node(root, std::string(operation) + "Result");
  add_text(add_node(root, "ResponseMetadata"), "RequestId", request_id);
}

aws::HttpResponse render_error(const ErrorShape& shape, const ApiError& error,
                               std::string_view request_id) {
  if (shape.protocol == Protocol::json) {
    aws::HttpResponse response =
        json_response(nlohmann::json{{"__type", error.code}, {"message", error.message}},
                      shape.json_content_type);
    response.status = error.status;
    response.headers.emplace_back("x-amzn-RequestId", std::string(request_id));
    return response;
  }
  pugi::xml_document document;
  pugi::xml_node error_node;
  switch (shape.protocol) {
    case Protocol::ec2: {
      pugi::xml_node root = add_node(document, "Response");
      error_node = add_node(add_node(root, "Errors"), "Error");
      add_text(error_node, "Code", error.code);
      add_text(error_node, "Message", error.message);
      add_text(root, "RequestID", request_id);
      break;
    }
    case Protocol::query: {
      pugi::xml_node root = add_node(document, "ErrorResponse");
      root.append_attribute("xmlns").set_value(std::string(shape.xml_namespace).c_str());
      error_node = add_node(root, "Error");
      add_text(error_node, "Type", error.status >= 500 ? "Receiver" : "Sender");
      add_text(error_node, "Code", error.code);
      add_text(error_node, "Message", error.message);
      add_text(root, "RequestId", request_id);
      break;
    }
    case Protocol::rest_xml:
    case Protocol::json: {
      error_node = add_node(document, "Error");
      add_text(error_node, "Code", error.code);
      add_text(error_node, "Message", error.message);
      add_text(error_node, "RequestId", request_id);
      break;
    }
  }
  aws::HttpResponse response =
      xml_response(document, error.status,
                   shape.protocol == Protocol::rest_xml ? "application/xml" : kXmlContentType);
  response.headers.emplace_back("x-amzn-RequestId", std::string(request_id));
  return response;
}

}  // namespace spawn::localcloud
