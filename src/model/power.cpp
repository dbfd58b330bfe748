#include "sc_neurocore/model/power.hpp"

#include <nlohmann/json.hpp>
#include <vector>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/model/targets.hpp"

namespace scn::model {

extern const char* const kIce40PowerJson;  // generated from data/power/ice40-coefficients.json

namespace {

double coefficient(const nlohmann::json& doc, const char* name) {
  const auto& c = doc.at("coefficients");
  if (!c.contains(name) || !c[name].is_number())
    throw core::StateError(std::string("data/power/ice40-coefficients.json: coefficient '") + name +
                           "' missing");
  return c[name].get<double>();
}

PowerModel ice40_model() {
  const nlohmann::json doc = core::parse_json(kIce40PowerJson, "data/power/ice40-coefficients.json");
  PowerModel m;
  m.family = "ice40";
  m.activity_based = true;
  m.static_ua = coefficient(doc, "static_ua");
  m.tree_ua_per_mhz = coefficient(doc, "tree_ua_per_mhz");
  m.ff_ua_per_mhz = coefficient(doc, "ff_ua_per_mhz");
  m.toggle_ua_per_mhz = coefficient(doc, "toggle_ua_per_mhz");
  if (doc.contains("netlist_toggles_per_simulated"))
    m.netlist_toggles_per_simulated = doc["netlist_toggles_per_simulated"].get<double>();
  // The bench fit's own spread times the spread of simulated against netlist toggles (docs/power.md).
  m.uncertainty_factor = doc.contains("combined_uncertainty_factor")
                             ? doc["combined_uncertainty_factor"].get<double>()
                             : doc.at("uncertainty_factor").get<double>();
  m.source = doc.at("source").get<std::string>();
  m.basis =
      "activity: bit-true simulated toggles x iCE40UP5K bench coefficients (static + clock tree + FF clock "
      "load + toggles), core rail";
  return m;
}

// The published switched-capacitance figure of a family without measurements.
PowerModel switched_capacitance_model(const std::string& family) {
  PowerModel m;
  m.family = family;
  const FpgaTarget* published = find_fpga_target(family);
  m.c_eff_ff = published ? published->c_eff_per_lut_ff : 5.0;
  m.source = "published catalogue C_eff " + std::to_string(m.c_eff_ff).substr(0, 3) +
             " fF per LUT/FF (reference-behaviour §1.5.1), not measured";
  m.basis = "switched capacitance: C_eff x V^2 x f x 0.5 per LUT and FF, uncalibrated";
  // No bench data: the iCE40 comparison (docs/power.md) found this form 10-50x low for SC logic.
  m.uncertainty_factor = 10.0;
  return m;
}

}  // namespace

const PowerModel& power_model_for(const Device& device) {
  static const std::vector<PowerModel> models = {ice40_model(), switched_capacitance_model("ecp5"),
                                                 switched_capacitance_model("artix7"),
                                                 switched_capacitance_model("zynq")};
  for (const auto& m : models)
    if (m.family == device.family) return m;
  throw core::InputError("no power model for device family '" + device.family + "'");
}

double layer_dynamic_power_mw(const PowerModel& model, const Device& device, const LayerActivity& activity,
                              std::int64_t luts, std::int64_t ffs, double clock_mhz) {
  if (model.activity_based) {
    const double toggles = activity.total() * model.netlist_toggles_per_simulated;
    const double ua =
        clock_mhz * (model.ff_ua_per_mhz * static_cast<double>(ffs) + model.toggle_ua_per_mhz * toggles);
    return ua * device.core_voltage * 1e-3;
  }
  return model.c_eff_ff * 1e-15 * device.core_voltage * device.core_voltage * clock_mhz * 1e6 *
         static_cast<double>(luts + ffs) * 0.5 * 1e3;
}

double fixed_power_mw(const PowerModel& model, const Device& device, double clock_mhz) {
  const double static_ua = device.static_core_current_ua.value_or(model.static_ua);
  return (static_ua + clock_mhz * model.tree_ua_per_mhz) * device.core_voltage * 1e-3;
}

}  // namespace scn::model
