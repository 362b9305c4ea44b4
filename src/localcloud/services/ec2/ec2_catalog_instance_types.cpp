// DescribeInstanceTypes from the instance type catalog: each type becomes an
// InstanceTypeInfo document (what the catalog knows, plus what holds for every
// Nitro type listed: EBS root devices, HVM, ENA, the three placement
// strategies), filtered and paged like any Describe call.
#include "localcloud/catalog/instance_types.hpp"
#include "localcloud/services/ec2/ec2_catalog.hpp"
#include "localcloud/services/ec2/ec2_describe.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"

namespace spawn::localcloud {
namespace {

constexpr std::size_t kMaxInstanceTypesPerPage = 100;

// A FilterField reading every element of a string array member.
FilterField elements_of(const std::string& pointer) {
  return [pointer = Json::json_pointer(pointer)](const Json& document) {
    std::vector<std::string> values;
    if (document.contains(pointer)) {
      for (const Json& element : document.at(pointer))
        values.push_back(element.get<std::string>());
    }
    return values;
  };
}

const FilterTable kInstanceTypeFilters{
    {"instance-type", member("/InstanceType")},
    {"processor-info.supported-architecture", elements_of("/ProcessorInfo/SupportedArchitectures")},
    {"current-generation", member("/CurrentGeneration")},
    {"free-tier-eligible", member("/FreeTierEligible")},
    {"hibernation-supported", member("/HibernationSupported")},
    {"bare-metal", member("/BareMetal")},
    {"burstable-performance-supported", member("/BurstablePerformanceSupported")},
    {"hypervisor", member("/Hypervisor")},
    {"vcpu-info.default-vcpus", member("/VCpuInfo/DefaultVCpus")},
    {"vcpu-info.default-cores", member("/VCpuInfo/DefaultCores")},
    {"vcpu-info.default-threads-per-core", member("/VCpuInfo/DefaultThreadsPerCore")},
    {"memory-info.size-in-mib", member("/MemoryInfo/SizeInMiB")},
    {"network-info.ena-support", member("/NetworkInfo/EnaSupport")},
    {"supported-usage-class", elements_of("/SupportedUsageClasses")},
    {"supported-root-device-type", elements_of("/SupportedRootDeviceTypes")},
    {"supported-virtualization-type", elements_of("/SupportedVirtualizationTypes")},
    {"supported-boot-mode", elements_of("/SupportedBootModes")},
};

Json gpu_info(const AcceleratorSpec& gpu) {
  return Json{{"Gpus", Json::array({{{"Name", gpu.name},
                                     {"Manufacturer", gpu.manufacturer},
                                     {"Count", gpu.count},
                                     {"MemoryInfo", {{"SizeInMiB", gpu.memory_mib}}}}})},
              {"TotalGpuMemoryInMiB", gpu.count * gpu.memory_mib}};
}

Json instance_type_document(const InstanceTypeSpec& spec) {
  bool arm = spec.architecture == Architecture::arm64;
  Json document{
      {"InstanceType", spec.name},
      {"CurrentGeneration", true},
      {"FreeTierEligible", false},
      {"SupportedUsageClasses", Json::array({"on-demand", "spot"})},
      {"SupportedRootDeviceTypes", Json::array({"ebs"})},
      {"SupportedVirtualizationTypes", Json::array({"hvm"})},
      {"BareMetal", spec.bare_metal},
      {"ProcessorInfo",
       {{"SupportedArchitectures", Json::array({architecture_name(spec.architecture)})}}},
      {"VCpuInfo",
       {{"DefaultVCpus", spec.vcpus},
        {"DefaultCores", spec.vcpus / spec.threads_per_core},
        {"DefaultThreadsPerCore", spec.threads_per_core}}},
      {"MemoryInfo", {{"SizeInMiB", spec.memory_mib}}},
      {"InstanceStorageSupported", false},
      {"EbsInfo",
       {{"EbsOptimizedSupport", "default"},
        {"EncryptionSupport", "supported"},
        {"NvmeSupport", "required"}}},
      {"NetworkInfo", {{"EnaSupport", "required"}, {"Ipv6Supported", true}}},
      {"PlacementGroupInfo",
       {{"SupportedStrategies", Json::array({"cluster", "partition", "spread"})}}},
      {"HibernationSupported", spec.hibernation_supported},
      {"BurstablePerformanceSupported", spec.burstable},
      {"DedicatedHostsSupported", !spec.burstable},
      {"AutoRecoverySupported", true},
      {"SupportedBootModes", arm ? Json::array({"uefi"}) : Json::array({"legacy-bios", "uefi"})},
  };
  if (!spec.bare_metal)
    document["Hypervisor"] = "nitro";
  if (spec.gpu.count > 0)
    document["GpuInfo"] = gpu_info(spec.gpu);
  return document;
}

ResourceMap instance_type_documents() {
  ResourceMap documents;
  for (const InstanceTypeSpec& spec : instance_types())
    documents.emplace(std::string(spec.name), instance_type_document(spec));
  return documents;
}

ApiError unknown_instance_type(const std::string& name) {
  return client_error("InvalidInstanceType",
                      "The following supplied instance types do not exist: [" + name + "]");
}

ApiOutcome describe_instance_types_call(const Ec2Context&, const ApiRequest& request) {
  DescribeSpec spec{"InstanceType", kInstanceTypeFilters, unknown_instance_type, 5,
                    kMaxInstanceTypesPerPage};
  auto query = parse_describe(request.params, spec);
  if (!query)
    return std::unexpected(query.error());
  static const ResourceMap documents = instance_type_documents();
  auto selection = select_documents(documents, *query, spec);
  if (!selection)
    return std::unexpected(selection.error());
  return describe_answer(request, "instanceTypeSet", *selection,
                         [](pugi::xml_node item, const Json& type) {
                           add_all_members(item, type, {{"/VCpuInfo", "vCpuInfo"}});
                         });
}

}  // namespace

void add_instance_type_operations(OperationTable& table, const Ec2Context& context) {
  table["DescribeInstanceTypes"] = with_context(context, describe_instance_types_call);
}

}  // namespace spawn::localcloud
