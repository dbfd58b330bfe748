# The two commands of the README: `make run` and `make test`.
BUILD_DIR ?= build
SANITIZE_DIR ?= build-sanitize
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: deps build run test sanitize clean

deps:
	@scripts/install-deps

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The main job: a plan for the bundled network (shapes and trained weights) on the iCE40 low-power profile,
# the planned network built with Yosys + nextpnr-ice40 + icepack + icetime for the HX8K and its
# predicted-vs-measured table, then fit_to_target of a trained digits classifier (scripts/trained-networks) on the
# HX8K, every step simulated on its test split so that none gives away more than 5 % of its task accuracy.
RUN_DIR ?= $(BUILD_DIR)/run
run: build
	@mkdir -p $(RUN_DIR)
	$(BUILD_DIR)/sc-neurocore optimise --network examples/network.json --weights examples/network_weights.json \
	    --target-profile ice40-low-power --out $(RUN_DIR)/plan.json --format table
	@echo
	@if command -v yosys >/dev/null && command -v nextpnr-ice40 >/dev/null; then \
	  $(BUILD_DIR)/sc-neurocore synth --network examples/network.json --plan $(RUN_DIR)/plan.json \
	      --weights examples/network_weights.json --device ice40-hx8k --out $(RUN_DIR)/BUILD --jobs $(JOBS); \
	else echo "yosys / nextpnr-ice40 not found: run scripts/install-deps to build the plan"; fi
	@echo
	$(BUILD_DIR)/sc-neurocore fit --layers 64x16,16x10 --weights data/calibration/trained/digits-16.weights.json \
	    --target ice40 --validation data/calibration/trained/digits.test-inputs.json,data/calibration/trained/digits.test-labels.json

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# The test suite again under AddressSanitizer + UndefinedBehaviorSanitizer (the slow tool-driven
# tests, which exercise Yosys and nextpnr rather than our code, and the browser test run once, in
# `make test`). Built with clang and the libFuzzer instrumentation so that the same tree holds the fuzz
# targets (`SCN_FUZZ_BUILD_DIR=build-sanitize scripts/run-fuzzers`): CI compiles the engine twice, not
# three times. -O1 and line tables are what ASan's reports need.
SANITIZE_FLAGS ?= -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG"
sanitize: deps
	cmake -S . -B $(SANITIZE_DIR) $(SANITIZE_FLAGS) -DSCN_SANITIZE=ON -DSCN_BUILD_FUZZ=ON -DSCN_BUILD_BENCH=OFF \
	    -DSCN_BUILD_PYTHON=OFF
	cmake --build $(SANITIZE_DIR) -j $(JOBS)
	ctest --test-dir $(SANITIZE_DIR) --output-on-failure -j $(JOBS) -LE "slow|browser"

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR)
