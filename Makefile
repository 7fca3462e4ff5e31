# bangfu - build, run and test.  See README.md for the two commands that matter:
#   make run    installs what is missing, builds, loads a demo county, starts bangfu
#   make test   installs what is missing, builds, runs the whole suite (both engines)
#
# Variables: SANITIZE=1 builds into build-asan/ with AddressSanitizer and
# UndefinedBehaviorSanitizer; FUZZ=1 (set by `make fuzz`) builds into
# build-fuzz/ with clang's fuzzer instrumentation; BUILD=dir picks the object
# directory.

CC      ?= cc
PKGS    := sqlite3 libpq jansson lua5.4 xlsxwriter libzip expat libsodium libmicrohttpd
# Opened when first needed, not linked (src/core/shared_library.h): only their headers here.
PKGS_OPENED := libpq libmicrohttpd
ifeq ($(FUZZ),1)
BUILD   ?= build-fuzz
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT     := -O1
else ifeq ($(SANITIZE),1)
BUILD   ?= build-asan
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT     := -O1
# Not position-independent: the sanitized binary's 3 MB of instrumented data needed tens of
# thousands of relocations at every start, a fifth of an ASan command's fixed cost, and the test
# suite starts it thousands of times.  The normal build keeps PIE (ASLR).
LDFLAGS += -no-pie
else
BUILD   ?= build
SANFLAGS :=
OPT     := -O2
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(PKGS_OPENED),$(PKGS)) 2>/dev/null)
CFLAGS  += -std=c11 -D_GNU_SOURCE $(OPT) -g -Wall -Wextra -Werror -Isrc -I$(BUILD)/gen $(SANFLAGS) $(PKG_CFLAGS)
LDFLAGS += $(SANFLAGS)
LDLIBS  += $(PKG_LIBS) -lm

SOURCES    := $(wildcard src/*/*.c)
OBJECTS    := $(SOURCES:src/%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations_embedded.o
LIB_OBJECTS := $(filter-out $(BUILD)/cli/%.o,$(OBJECTS))
MIGRATIONS := $(sort $(wildcard migrations/*.sql))
UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
# One harness per parser: tests/fuzz/fuzz_<target>.c, corpus in tests/fuzz/corpus/<target>/.
# The benchmark programs (bench/*.c), built with the unit tests so that they follow the code.
BENCH_PROGRAMS := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINARIES := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)

.PHONY: all run test check unit setup clean format cppcheck bench fuzz fuzz-replay dist policy-mutation

all: $(BUILD)/bangfu bangfu

bangfu: $(BUILD)/bangfu
	@if [ "$(BUILD)" = build ]; then cp $(BUILD)/bangfu bangfu; fi

$(BUILD)/bangfu: $(OBJECTS)
	$(CC) $(LDFLAGS) -o $@ $(OBJECTS) $(LDLIBS)

# Every allocation of bangfu's own code can be made to fail (src/core/fault_alloc.h).
$(BUILD)/%.o: src/%.c $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -include src/core/fault_alloc.h -c -o $@ $<

$(BUILD)/gen/migrations_embedded.c: $(MIGRATIONS) scripts/embed_migrations.sh
	@mkdir -p $(dir $@)
	scripts/embed_migrations.sh $@ $(MIGRATIONS)

$(BUILD)/gen/migrations_embedded.o: $(BUILD)/gen/migrations_embedded.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libbangfu.a: $(LIB_OBJECTS)
	rm -f $@ && ar rcs $@ $(LIB_OBJECTS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libbangfu.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka) $(LDFLAGS) -o $@ $< $(BUILD)/libbangfu.a $(LDLIBS) $(shell pkg-config --libs cmocka $(PKGS_OPENED))

unit: $(UNIT_TESTS) $(BENCH_PROGRAMS)

$(BUILD)/bench/%: bench/%.c $(wildcard src/*/*.h) $(BUILD)/libbangfu.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libbangfu.a $(LDLIBS)

# The fuzz harnesses: with FUZZ=1 linked with libFuzzer, else with tests/fuzz/replay.c,
# which runs the harness over the files given (scripts/test.sh replays the corpora).
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(wildcard tests/fuzz/*.h) $(BUILD)/libbangfu.a
	@mkdir -p $(dir $@)
ifeq ($(FUZZ),1)
	$(CC) $(CFLAGS) $(LDFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libbangfu.a $(LDLIBS)
else
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ tests/fuzz/replay.c $< $(BUILD)/libbangfu.a $(LDLIBS)
endif

# `make fuzz-replay`: the harnesses with replay.c, ASan and UBSan, in build-asan/fuzz/.
ifeq ($(SANITIZE)/$(FUZZ),1/)
fuzz-replay: $(FUZZ_BINARIES)
else
fuzz-replay:
	$(MAKE) SANITIZE=1 fuzz-replay
endif

# `make fuzz`: the harnesses with clang and libFuzzer in build-fuzz/fuzz/; run one with e.g.
#   build-fuzz/fuzz/fuzz_csv -max_total_time=120 tests/fuzz/corpus/csv
ifeq ($(FUZZ),1)
fuzz: $(FUZZ_BINARIES)
else
fuzz:
	$(MAKE) CC=clang FUZZ=1 fuzz
endif

# Installs missing Debian and npm packages (needs root; a no-op when all are there).
setup:
	scripts/setup.sh

run: setup
	$(MAKE) all
	scripts/run.sh

# Both use every core: make -j and scripts/test.sh's TEST_JOBS (default nproc).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

test: setup
	$(MAKE) -j$(JOBS) all unit
	TEST_JOBS=$(JOBS) scripts/test.sh

# `make dist`: one tarball for offline installation on Debian 12 (scripts/dist.sh, README).
DIST_NAME ?= bangfu-$(shell git describe --always --dirty 2>/dev/null || echo snapshot)-debian12-$(shell dpkg --print-architecture 2>/dev/null || uname -m)
dist: all
	scripts/dist.sh $(BUILD)/bangfu $(DIST_NAME).tar.gz

check: all unit
	TEST_JOBS=$(JOBS) scripts/test.sh --quick

# Mutation test of the policy cases (slow, not part of `make test`): lists every number or
# date of a policy file that can change without failing a case.  POLICY_FILES limits it.
policy-mutation: all
	scripts/policy_mutation.sh ./bangfu $(POLICY_FILES)

bench: all
	bench/run.sh

format:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c tests/fuzz/*.c tests/fuzz/*.h bench/*.c

cppcheck:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	    --suppress=missingIncludeSystem -Isrc src

clean:
	rm -rf build build-asan build-fuzz bangfu
