// SigV4 throughput: signing a typical EC2 DescribeInstances POST (what every
// spawn call pays once per attempt) and presigning an S3 GET (staging uploads
// and downloads). Linked with benchmark_main.
#include <benchmark/benchmark.h>

#include "aws/sigv4.hpp"

namespace spawn::aws {
namespace {

constexpr auto kSigningTime = std::chrono::sys_days{std::chrono::year{2026} / 1 / 2};

Credentials bench_credentials() {
  return Credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                     "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN", std::nullopt, "bench"};
}

HttpRequest describe_instances() {
  HttpRequest request;
  request.method = "POST";
  request.url = Url::parse("https://ec2.us-east-1.amazonaws.com/").value();
  request.headers = {{"Host", request.url.authority()},
                     {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body =
      "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag%3Aspawn%3Amanaged&"
      "Filter.1.Value.1=true&Filter.2.Name=instance-state-name&Filter.2.Value.1=pending&"
      "Filter.2.Value.2=running&Filter.2.Value.3=stopping&Filter.2.Value.4=stopped&MaxResults=1000";
  return request;
}

void BM_SignDescribeInstances(benchmark::State& state) {
  const auto credentials = bench_credentials();
  const auto request = describe_instances();
  const SigningScope scope{"ec2", "us-east-1", kSigningTime};
  for (auto _ : state) {
    HttpRequest copy = request;
    auto steps = sign_request(copy, credentials, scope);
    benchmark::DoNotOptimize(steps);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignDescribeInstances);

void BM_PresignS3Get(benchmark::State& state) {
  const auto credentials = bench_credentials();
  HttpRequest request;
  request.url =
      Url::parse("https://spawn-staging.s3.us-east-1.amazonaws.com/jobs/run%201/out.tar.gz")
          .value();
  request.headers = {{"Host", request.url.authority()}};
  const SigningScope scope{"s3", "us-east-1", kSigningTime};
  for (auto _ : state) {
    auto url = presign_url(request, credentials, scope, std::chrono::hours(1));
    benchmark::DoNotOptimize(url);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PresignS3Get);

}  // namespace
}  // namespace spawn::aws
