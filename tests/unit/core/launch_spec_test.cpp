#include "core/launch_spec.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace spawn {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

LaunchFlags flags_for(std::string type) {
  LaunchFlags flags;
  flags.instance_type = std::move(type);
  return flags;
}

std::string error_of(const LaunchFlags& flags) {
  auto spec = make_launch_spec(flags, std::nullopt);
  EXPECT_FALSE(spec) << "accepted";
  return spec ? "" : spec.error().message + " | " + spec.error().hint;
}

TEST(LaunchSpec, NoLimitsMeansTheOneHourIdleSafetyDefault) {
  auto spec = make_launch_spec(flags_for("t3.micro"), std::nullopt);
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->idle_timeout, std::optional<Milliseconds>(1h));
  EXPECT_EQ(spec->idle_origin, LimitOrigin::safety_default);
  EXPECT_FALSE(spec->ttl);
}

TEST(LaunchSpec, NoTimeoutLeavesTheInstanceUnlimited) {
  LaunchFlags flags = flags_for("t3.micro");
  flags.no_timeout = true;
  auto spec = make_launch_spec(flags, std::nullopt);
  ASSERT_TRUE(spec);
  EXPECT_FALSE(spec->idle_timeout);
  EXPECT_EQ(spec->idle_origin, LimitOrigin::none);
}

TEST(LaunchSpec, ATtlAloneSetsNoIdleTimeout) {
  LaunchFlags flags = flags_for("m7i.large");
  flags.ttl = "1d2h";
  auto spec = make_launch_spec(flags, std::nullopt);
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->ttl, std::optional<Milliseconds>(26h));
  EXPECT_FALSE(spec->idle_timeout);
}

TEST(LaunchSpec, FlagsWinOverThePipedOffer) {
  TruffleInput offer;
  offer.instance_type = "m7i.large";
  offer.region = "us-west-2";
  offer.availability_zone = "us-west-2b";
  offer.spot = true;
  offer.spot_max_price = "0.0331";
  LaunchFlags flags = flags_for("");
  flags.availability_zone = "us-west-2c";
  auto spec = make_launch_spec(flags, offer);
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->instance_type, "m7i.large");
  EXPECT_EQ(spec->region, "us-west-2");
  EXPECT_EQ(spec->availability_zone, "us-west-2c");
  EXPECT_TRUE(spec->spot);
  EXPECT_EQ(spec->spot_max_price, "0.0331");
}

TEST(LaunchSpec, RefusesWhatAwsOrTheAgentWouldRefuse) {
  EXPECT_THAT(error_of(flags_for("")), HasSubstr("--instance-type"));
  EXPECT_THAT(error_of(flags_for("large")), HasSubstr("not an instance type"));
  LaunchFlags ttl = flags_for("t3.micro");
  ttl.ttl = "2 hours";
  EXPECT_THAT(error_of(ttl), HasSubstr("--ttl 2 hours"));
  LaunchFlags action = flags_for("t3.micro");
  action.on_complete = "reboot";
  EXPECT_THAT(error_of(action), HasSubstr("terminate, stop or hibernate"));
  LaunchFlags price = flags_for("t3.micro");
  price.spot = true;
  price.spot_max_price = "-1";
  EXPECT_THAT(error_of(price), HasSubstr("--spot-max-price -1"));
  LaunchFlags no_spot = flags_for("t3.micro");
  no_spot.spot_max_price = "0.05";
  EXPECT_THAT(error_of(no_spot), HasSubstr("--spot"));
  LaunchFlags zone = flags_for("t3.micro");
  zone.region = "eu-west-1";
  zone.availability_zone = "us-east-1a";
  EXPECT_THAT(error_of(zone), HasSubstr("not in region eu-west-1"));
  LaunchFlags region = flags_for("t3.micro");
  region.region = "Frankfurt";
  EXPECT_THAT(error_of(region), HasSubstr("not a region name"));
  LaunchFlags cpu = flags_for("t3.micro");
  cpu.idle_cpu_percent = 150;
  EXPECT_THAT(error_of(cpu), HasSubstr("--idle-cpu"));
  LaunchFlags volume = flags_for("t3.micro");
  volume.volume_size_gib = 0;
  EXPECT_THAT(error_of(volume), HasSubstr("--volume-size 0"));
  LaunchFlags image = flags_for("t3.micro");
  image.image_id = "ubuntu";
  EXPECT_THAT(error_of(image), HasSubstr("not an image id"));
  LaunchFlags file = flags_for("t3.micro");
  file.completion_file = "done.txt";
  EXPECT_THAT(error_of(file), HasSubstr("absolute path"));
}

TEST(LaunchSpec, HibernationChoicesNeedAHibernatingInstance) {
  LaunchFlags idle = flags_for("m7i.large");
  idle.hibernate_on_idle = true;
  EXPECT_THAT(error_of(idle), HasSubstr("--hibernate"));
  LaunchFlags complete = flags_for("m7i.large");
  complete.on_complete = "hibernate";
  EXPECT_THAT(error_of(complete), HasSubstr("--hibernate"));
  LaunchFlags spot = flags_for("m7i.large");
  spot.spot = true;
  spot.hibernate = true;
  EXPECT_THAT(error_of(spot), HasSubstr("one-time spot"));
}

TEST(LaunchSpec, ShutdownStopsOnlyWhenTheLastActionKeepsTheDisk) {
  LaunchSpec spec;
  EXPECT_EQ(shutdown_behavior(spec), "terminate");
  spec.on_complete = "stop";
  EXPECT_EQ(shutdown_behavior(spec), "stop");
  spec.on_complete = "hibernate";
  EXPECT_EQ(shutdown_behavior(spec), "stop");
  spec.on_complete = "terminate";
  EXPECT_EQ(shutdown_behavior(spec), "terminate");
}

TEST(LaunchSpec, ReservationFlagsChooseOpenOrATarget) {
  LaunchFlags open = flags_for("t3.micro");
  open.use_reservation = true;
  EXPECT_EQ(make_launch_spec(open, std::nullopt)->reservation, "open");
  LaunchFlags target = flags_for("t3.micro");
  target.reservation_id = "cr-0123456789abcdef0";
  EXPECT_EQ(make_launch_spec(target, std::nullopt)->reservation, "cr-0123456789abcdef0");
  target.reservation_id = "reservation";
  EXPECT_THAT(error_of(target), HasSubstr("capacity reservation id"));
}

}  // namespace
}  // namespace spawn
