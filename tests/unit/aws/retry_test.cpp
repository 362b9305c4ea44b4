#include "aws/retry.hpp"

#include <gtest/gtest.h>

namespace spawn::aws {
namespace {

Error aws_error(std::string code, int status) {
  AwsError aws;
  aws.code = std::move(code);
  aws.http_status = status;
  return Error{ErrorKind::aws, "failed", aws};
}

Error transport_error(ErrorKind kind) {
  return Error{kind, "transport", std::nullopt};
}

TEST(Retryable, TransportFailuresAreRetried) {
  EXPECT_TRUE(is_retryable(transport_error(ErrorKind::network)));
  EXPECT_TRUE(is_retryable(transport_error(ErrorKind::timeout)));
  EXPECT_FALSE(is_retryable(transport_error(ErrorKind::auth)));
  EXPECT_FALSE(is_retryable(transport_error(ErrorKind::parse)));
}

TEST(Retryable, ServerStatusesAreRetried) {
  for (int status : {500, 502, 503, 504}) {
    EXPECT_TRUE(is_retryable(aws_error("", status))) << status;
    EXPECT_TRUE(is_retryable(aws_error("InternalError", status))) << status;
  }
  for (int status : {400, 401, 403, 404, 409, 501}) {
    EXPECT_FALSE(is_retryable(aws_error("", status))) << status;
  }
}

TEST(Retryable, ThrottlingAndTransientCodesAreRetriedWhateverTheStatus) {
  for (const char* code :
       {"Throttling", "ThrottlingException", "RequestLimitExceeded", "EC2ThrottledException",
        "ProvisionedThroughputExceededException", "TooManyRequestsException", "SlowDown",
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"}) {
    EXPECT_TRUE(is_retryable(aws_error(code, 400))) << code;
  }
}

TEST(Retryable, ClientMistakesAreNeverRetried) {
  for (const char* code :
       {"ValidationError", "ValidationException", "InvalidParameterValue", "UnauthorizedOperation",
        "AuthFailure", "SignatureDoesNotMatch", "IncompleteSignature",
        "ConditionalCheckFailedException", "InvalidInstanceID.NotFound", "NoSuchEntity"}) {
    EXPECT_FALSE(is_retryable(aws_error(code, 400))) << code;
  }
}

TEST(Retryable, CapacityAndIdempotencyErrorsAreSurfacedEvenAs5xx) {
  EXPECT_FALSE(is_retryable(aws_error("InsufficientInstanceCapacity", 500)));
  EXPECT_FALSE(is_retryable(aws_error("IdempotentParameterMismatch", 500)));
}

TEST(Throttling, KnowsThrottlingCodesOnly) {
  EXPECT_TRUE(is_throttling_code("RequestLimitExceeded"));
  EXPECT_TRUE(is_throttling_code("Throttling"));
  EXPECT_FALSE(is_throttling_code("InternalError"));
  EXPECT_FALSE(is_throttling_code("throttling"));
}

TEST(Backoff, FullJitterDoublesAndCapsAtTwentySeconds) {
  using std::chrono::milliseconds;
  EXPECT_EQ(backoff_delay(1, 1.0), milliseconds(1000));
  EXPECT_EQ(backoff_delay(2, 1.0), milliseconds(2000));
  EXPECT_EQ(backoff_delay(3, 0.5), milliseconds(2000));
  EXPECT_EQ(backoff_delay(5, 1.0), milliseconds(16000));
  EXPECT_EQ(backoff_delay(6, 1.0), milliseconds(20000));
  EXPECT_EQ(backoff_delay(30, 1.0), milliseconds(20000));
  EXPECT_EQ(backoff_delay(4, 0.0), milliseconds(0));
}

TEST(Backoff, OutOfRangeInputsStayWithinTheCap) {
  EXPECT_EQ(backoff_delay(1, 7.0), std::chrono::milliseconds(1000));
  EXPECT_EQ(backoff_delay(1, -1.0), std::chrono::milliseconds(0));
  EXPECT_EQ(backoff_delay(0, 1.0), std::chrono::milliseconds(1000));
}

TEST(RetryQuota, RetriesCostFiveAndTimeoutsTen) {
  RetryQuota quota;
  EXPECT_EQ(quota.available(), 500);
  EXPECT_TRUE(quota.acquire(aws_error("Throttling", 400)));
  EXPECT_EQ(quota.available(), 495);
  EXPECT_TRUE(quota.acquire(transport_error(ErrorKind::timeout)));
  EXPECT_EQ(quota.available(), 485);
  EXPECT_EQ(RetryQuota::cost_of(transport_error(ErrorKind::network)), 5);
}

TEST(RetryQuota, RefusesWhenDrainedWithoutGoingNegative) {
  RetryQuota quota;
  for (int i = 0; i < 100; ++i)
    ASSERT_TRUE(quota.acquire(transport_error(ErrorKind::network)));
  EXPECT_EQ(quota.available(), 0);
  EXPECT_FALSE(quota.acquire(transport_error(ErrorKind::network)));
  EXPECT_EQ(quota.available(), 0);
}

TEST(RetryQuota, TimeoutNeedsTenTokens) {
  RetryQuota quota;
  for (int i = 0; i < 99; ++i)
    ASSERT_TRUE(quota.acquire(transport_error(ErrorKind::network)));
  EXPECT_FALSE(quota.acquire(transport_error(ErrorKind::timeout)));
  EXPECT_TRUE(quota.acquire(transport_error(ErrorKind::network)));
}

TEST(RetryQuota, SuccessReturnsWhatWasTakenOrOneAndNeverExceedsTheStart) {
  RetryQuota quota;
  quota.release(0);
  EXPECT_EQ(quota.available(), 500);
  ASSERT_TRUE(quota.acquire(transport_error(ErrorKind::timeout)));
  ASSERT_TRUE(quota.acquire(transport_error(ErrorKind::network)));
  quota.release(0);
  EXPECT_EQ(quota.available(), 486);
  quota.release(15);
  EXPECT_EQ(quota.available(), 500);
}

}  // namespace
}  // namespace spawn::aws
