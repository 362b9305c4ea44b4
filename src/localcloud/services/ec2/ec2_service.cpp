// The EC2 emulation: one operation table filled by every family, the instance
// lifecycle behind it, and the metadata source the instances' IMDS reads.
#include "localcloud/services/ec2/ec2_service.hpp"

#include "localcloud/services/ec2/ec2_instance_operations.hpp"
#include "localcloud/services/ec2/ec2_metadata_source.hpp"
#include "localcloud/services/ec2/ec2_spot_interruption.hpp"

namespace spawn::localcloud {
namespace {

class Ec2Service final : public Ec2Emulation {
 public:
  Ec2Service(const ServiceDeps& deps, const Ec2Options& options)
      : context_{deps, options},
        addresses_(deps.store),
        lifecycle_(context_, addresses_),
        metadata_(context_, lifecycle_) {
    InstanceServices services{context_, lifecycle_, addresses_};
    add_launch_operations(table_, services);
    add_instance_query_operations(table_, services);
    add_instance_status_operations(table_, services);
    add_instance_state_operations(table_, services);
    add_instance_attribute_operations(table_, services);
    add_console_operations(table_, services);
    add_volume_operations(table_, services);
    add_tag_operations(table_, services);
    add_network_operations(table_, context_);
    add_group_operations(table_, context_);
    add_image_and_key_operations(table_, context_);
    add_catalog_operations(table_, context_);
  }

  std::string_view signing_name() const override { return "ec2"; }
  ErrorShape error_shape() const override {
    ErrorShape shape;
    shape.protocol = Protocol::ec2;
    return shape;
  }
  ApiOutcome handle(const ApiRequest& request) override {
    return dispatch(table_, Protocol::ec2, request);
  }

  MetadataSource& metadata_source() override { return metadata_; }
  void attach_host(InstanceHost& host) override { lifecycle_.attach_host(host); }
  void resume_after_restart() override { lifecycle_.resume_after_restart(); }
  std::expected<void, ApiError> announce_spot_interruption(std::string_view instance_id) override {
    return localcloud::announce_spot_interruption(context_, lifecycle_, instance_id);
  }
  void halt_all() override { lifecycle_.halt_all(); }
  void reset() override { lifecycle_.reset(); }

 private:
  Ec2Context context_;
  IpAllocator addresses_;
  OperationTable table_;
  InstanceLifecycle lifecycle_;  // after what its steps use: its thread stops first
  Ec2MetadataSource metadata_;
};

}  // namespace

std::unique_ptr<Ec2Emulation> make_ec2_emulation(const ServiceDeps& deps,
                                                 const Ec2Options& options) {
  return std::make_unique<Ec2Service>(deps, options);
}

}  // namespace spawn::localcloud
