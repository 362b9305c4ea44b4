// Following the page token through every page of a paginated list call. A
// server that answers the same token twice would loop forever; that is
// reported as a parse error instead, as botocore does.
#pragma once

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "aws/common_types.hpp"
#include "util/result.hpp"

namespace spawn::aws {

// Calls fetch_page(request) with request.page.next_token set from each answer until a
// page has no next token, and returns the items of all pages in order.
template <class Request, class FetchPage>
auto collect_all_pages(Request request, FetchPage fetch_page)
    -> Result<decltype(fetch_page(request)->items)> {
  decltype(fetch_page(request)->items) all;
  while (true) {
    auto page = fetch_page(request);
    if (!page)
      return std::unexpected(std::move(page.error()));
    std::move(page->items.begin(), page->items.end(), std::back_inserter(all));
    if (page->next_token.empty())
      return all;
    if (page->next_token == request.page.next_token)
      return fail(ErrorKind::parse,
                  "the service answered the same page token twice: " + page->next_token);
    request.page.next_token = std::move(page->next_token);
  }
}

}  // namespace spawn::aws
