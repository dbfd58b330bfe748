// Report parsing throughput on the largest corpus report of each kind (MB/s
// in the bytes_per_second column). Run: build/bench/reports/bench_reports
#include <benchmark/benchmark.h>

#include <string>

#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"

namespace {

void parse_file(benchmark::State& state, const std::string& relative) {
  const std::string path = std::string(SCN_REPORTS_DIR) + "/" + relative;
  const std::string text = scn::core::read_report_text_file(path);
  for (auto _ : state) benchmark::DoNotOptimize(scn::evidence::parse_report(text, path));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
  state.SetLabel(relative + " (" + std::to_string(text.size() / 1024) + " KiB)");
}

// The whole path a CLI call takes: read, check (binary, UTF-8 or Latin-1), detect, parse.
void read_and_parse_file(benchmark::State& state, const std::string& relative) {
  const std::string path = std::string(SCN_REPORTS_DIR) + "/" + relative;
  const auto size = static_cast<std::int64_t>(scn::core::read_file(path).size());
  for (auto _ : state) benchmark::DoNotOptimize(scn::evidence::parse_report_file(path));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * size);
  state.SetLabel(relative);
}

BENCHMARK_CAPTURE(read_and_parse_file, yosys_2MB, std::string("yosys/nes_ecp5_yosys0.54.log"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(read_and_parse_file, quartus_fit_latin1_670KB,
                  std::string("quartus_fit/de0nano_cycloneive_q18.1.fit.rpt"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(parse_file, yosys_2MB, std::string("yosys/nes_ecp5_yosys0.54.log"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(parse_file, vivado_timing_1_5MB,
                  std::string("vivado_timing/rfsoc_zu48dr_timing_summary_routed.rpt"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(parse_file, quartus_fit_1_1MB, std::string("quartus_fit/opt4_agilex7_q24.1pro.fit.rpt"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(parse_file, quartus_sta_rpt, std::string("quartus_sta/fmcomms2_arria10_q16.1.sta.rpt"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(parse_file, vivado_power, std::string("vivado_power/rfsoc_zu48dr_power_routed.rpt"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(parse_file, vivado_utilization,
                  std::string("vivado_util/rfsoc_zu48dr_utilization_placed.rpt"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(parse_file, nextpnr_log, std::string("nextpnr/nndigits_ecp5_nextpnr_pnr.log"))
    ->Unit(benchmark::kMillisecond);

}  // namespace
