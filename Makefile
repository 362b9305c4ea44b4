# The front door: `make` builds, `make test` runs every test, `make bench` the
# benchmarks. Each target installs missing Debian packages first, so on a fresh
# machine `make test` is the whole set-up.
BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
FUZZ_DIR  ?= build-fuzz
DIST_DIR  ?= dist
PREFIX    ?= /usr/local
JOBS      ?= $(shell nproc)

CMAKE_FLAGS = -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps configure build demo test test-asan bench fuzz tidy install dist format pot clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# A real launch on the local cloud, end to end (scripts/demo.sh).
demo: build
	@scripts/demo.sh $(BUILD_DIR)

test: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# The tests again with AddressSanitizer and UndefinedBehaviorSanitizer (the style check
# has nothing to add there). Line tables (-g1) are all the sanitizers' reports need, and
# compile a fifth faster than full debug information.
test-asan: deps
	@cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
	  -DSPAWN_SANITIZE=ON -DSPAWN_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_DIR) -j $(JOBS)
	@ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) -E '^style[.]'

bench: build
	@scripts/run-benchmarks.sh $(BUILD_DIR)

# libFuzzer binaries (clang 16); run one with:
#   build-fuzz/tests/fuzz/fuzz_config_file tests/fuzz/corpus/config_file
fuzz: deps
	@CXX=clang++-16 cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSPAWN_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS)

# The checks in .clang-tidy over src/ (clang-tidy 16).
tidy: build
	@scripts/run-clang-tidy.sh $(BUILD_DIR)

install: build
	@cmake --install $(BUILD_DIR) --prefix $(PREFIX)

# The static agents for the instances, stripped, each with a .sha256 of its bare digest.
dist: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target spored spored-arm64
	@mkdir -p $(DIST_DIR)
	@strip -o $(DIST_DIR)/spored-linux-amd64 $(BUILD_DIR)/src/spored/spored
	@aarch64-linux-gnu-strip -o $(DIST_DIR)/spored-linux-arm64 $(BUILD_DIR)/agent-arm64/src/spored/spored
	@cd $(DIST_DIR) && for binary in spored-linux-amd64 spored-linux-arm64; do \
	  digest=$$(sha256sum $$binary) && echo "$${digest%% *}" > $$binary.sha256 || exit 1; done

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

# Regenerates the message template from the sources (see docs/translating.md).
pot: build
	@cmake --build $(BUILD_DIR) --target update-pot

clean:
	@rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR) $(DIST_DIR)
