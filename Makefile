# The front door: `make` builds, `make test` runs every test, `make bench` the
# benchmarks. Each target installs missing Debian packages first, so on a fresh
# machine `make test` is the whole set-up.
BUILD_DIR ?= build
ASAN_DIR  ?= build-asan
FUZZ_DIR  ?= build-fuzz
PREFIX    ?= /usr/local
JOBS      ?= $(shell nproc)

CMAKE_FLAGS = -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all deps build test test-asan bench fuzz install format pot clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Unit tests again with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	@cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSPAWN_SANITIZE=ON -DSPAWN_BENCH=OFF >/dev/null
	@cmake --build $(ASAN_DIR) -j $(JOBS)
	@ctest --test-dir $(ASAN_DIR) --output-on-failure -j $(JOBS) -L unit

bench: build
	@scripts/run-benchmarks.sh $(BUILD_DIR)

# libFuzzer binaries (clang); run one with: build-fuzz/tests/fuzz/fuzz_config_file tests/fuzz/corpus/config_file
fuzz: deps
	@CXX=clang++ cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSPAWN_FUZZ=ON >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS)

install: build
	@cmake --install $(BUILD_DIR) --prefix $(PREFIX)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

# Regenerates the message template from the sources (see docs/translating.md).
pot: build
	@cmake --build $(BUILD_DIR) --target update-pot

clean:
	@rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
