// Feeds arbitrary bytes to the S3 answer readers: as a ListObjectsV2 body, and
// as the values of the headers HeadObject reads. Each must return a value or an
// error, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "aws/s3_documents.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto page = spawn::aws::parse_list_objects(text);
  if (!page && page.error().message.empty())
    __builtin_trap();
  std::string value(text);
  spawn::aws::HttpResponse response{200,
                                    {{"Content-Length", value},
                                     {"Last-Modified", value},
                                     {"ETag", value},
                                     {"x-amz-meta-" + value, value}},
                                    value};
  (void)spawn::aws::read_object_info(response);
  return 0;
}
