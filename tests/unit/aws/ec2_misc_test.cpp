// GPU facts, spot prices, console output and instance attributes as a user sees them.
#include <gtest/gtest.h>

#include <chrono>

#include "aws/ec2.hpp"
#include "ec2_test_support.hpp"

namespace spawn::aws {
namespace {

using namespace std::chrono;
using spawn::testing::decoded_params;
using spawn::testing::Ec2TestClient;
using ::testing::Contains;
using ::testing::Pair;

TEST(Ec2MiscTest, InstanceTypesShowGpus) {
  Ec2TestClient fake;
  fake.answer("DescribeInstanceTypes", R"(<instanceTypeSet><item>
    <instanceType>g5.xlarge</instanceType><currentGeneration>true</currentGeneration>
    <supportedUsageClasses><item>on-demand</item><item>spot</item></supportedUsageClasses>
    <processorInfo><supportedArchitectures><item>x86_64</item></supportedArchitectures>
    </processorInfo>
    <vCpuInfo><defaultVCpus>4</defaultVCpus></vCpuInfo>
    <memoryInfo><sizeInMiB>16384</sizeInMiB></memoryInfo>
    <gpuInfo><gpus><item><name>A10G</name><manufacturer>NVIDIA</manufacturer><count>1</count>
      <memoryInfo><sizeInMiB>24576</sizeInMiB></memoryInfo></item></gpus>
      <totalGpuMemoryInMiB>24576</totalGpuMemoryInMiB></gpuInfo>
    <hibernationSupported>true</hibernationSupported>
    </item></instanceTypeSet>)");

  auto page = fake.ec2.describe_instance_types({{"g5.xlarge"}});

  ASSERT_TRUE(page) << page.error().message;
  const InstanceTypeInfo& info = page->items.at(0);
  EXPECT_EQ(info.vcpus, 4);
  EXPECT_EQ(info.memory_mib, 16384);
  EXPECT_TRUE(info.current_generation);
  EXPECT_TRUE(info.hibernation_supported);
  EXPECT_EQ(info.usage_classes, (std::vector<std::string>{"on-demand", "spot"}));
  ASSERT_EQ(info.gpus.size(), 1u);
  EXPECT_EQ(info.gpus[0].count, 1);
  EXPECT_EQ(info.gpus[0].manufacturer, "NVIDIA");
  EXPECT_EQ(info.gpus[0].name, "A10G");
  EXPECT_EQ(info.gpus[0].memory_mib, 24576);
}

TEST(Ec2MiscTest, SpotPriceHistoryReadsPricesAsNumbers) {
  Ec2TestClient fake;
  fake.answer("DescribeSpotPriceHistory", R"(<spotPriceHistorySet><item>
    <instanceType>g5.xlarge</instanceType><productDescription>Linux/UNIX</productDescription>
    <spotPrice>0.412300</spotPrice><timestamp>2026-11-26T20:00:00.000Z</timestamp>
    <availabilityZone>us-east-1a</availabilityZone></item></spotPriceHistorySet>
    <nextToken/>)");

  auto page = fake.ec2.describe_spot_price_history({.instance_types = {"g5.xlarge"}});

  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_DOUBLE_EQ(page->items[0].price_per_hour, 0.4123);
  EXPECT_EQ(page->items[0].availability_zone, "us-east-1a");
  EXPECT_EQ(page->items[0].product_description, "Linux/UNIX");
  EXPECT_EQ(page->items[0].timestamp, sys_days{2026y / 11 / 26} + 20h);
  EXPECT_TRUE(page->next_token.empty());
}

TEST(Ec2MiscTest, ASpotPriceThatIsNotANumberIsAParseError) {
  Ec2TestClient fake;
  fake.answer("DescribeSpotPriceHistory",
              "<spotPriceHistorySet><item><spotPrice>cheap</spotPrice></item>"
              "</spotPriceHistorySet>");

  auto page = fake.ec2.describe_spot_price_history({});

  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().kind, ErrorKind::parse);
}

TEST(Ec2MiscTest, ConsoleOutputComesBackDecoded) {
  Ec2TestClient fake;
  fake.answer("GetConsoleOutput",
              "<instanceId>i-1</instanceId><timestamp>2026-11-26T20:00:00.000Z</timestamp>"
              "<output>" +
                  base64_encode("[    0.000000] Linux version 6.1\nspored: ready\n") + "</output>");

  auto console = fake.ec2.get_console_output("i-1");

  ASSERT_TRUE(console) << console.error().message;
  EXPECT_EQ(console->output, "[    0.000000] Linux version 6.1\nspored: ready\n");
  EXPECT_EQ(console->instance_id, "i-1");
  EXPECT_THAT(decoded_params(fake.only_request().body), Contains(Pair("InstanceId", "i-1")));
}

TEST(Ec2MiscTest, InstanceAttributesReadUserDataDecodedAndShutdownBehaviour) {
  Ec2TestClient fake;
  fake.answer("DescribeInstanceAttribute", "<instanceId>i-1</instanceId><userData><value>" +
                                               base64_encode("#!/bin/bash\necho hi\n") +
                                               "</value></userData>");
  fake.answer("DescribeInstanceAttribute",
              "<instanceId>i-1</instanceId><instanceInitiatedShutdownBehavior><value>terminate"
              "</value></instanceInitiatedShutdownBehavior>");

  auto user_data = fake.ec2.describe_instance_attribute("i-1", InstanceAttribute::user_data);
  auto behaviour = fake.ec2.describe_instance_attribute(
      "i-1", InstanceAttribute::instance_initiated_shutdown_behavior);

  ASSERT_TRUE(user_data) << user_data.error().message;
  EXPECT_EQ(*user_data, "#!/bin/bash\necho hi\n");
  ASSERT_TRUE(behaviour) << behaviour.error().message;
  EXPECT_EQ(*behaviour, "terminate");
  EXPECT_THAT(decoded_params(fake.transport.requests[0].body),
              Contains(Pair("Attribute", "userData")));
  EXPECT_THAT(decoded_params(fake.transport.requests[1].body),
              Contains(Pair("Attribute", "instanceInitiatedShutdownBehavior")));
}

TEST(Ec2MiscTest, AnInstanceWithoutUserDataReadsEmpty) {
  Ec2TestClient fake;
  fake.answer("DescribeInstanceAttribute", "<instanceId>i-1</instanceId><userData/>");

  auto user_data = fake.ec2.describe_instance_attribute("i-1", InstanceAttribute::user_data);

  ASSERT_TRUE(user_data) << user_data.error().message;
  EXPECT_EQ(*user_data, "");
}

}  // namespace
}  // namespace spawn::aws
