# bangfu - build, run and test.  See README.md for the two commands that matter:
#   make run    installs what is missing, builds, loads a demo county, starts bangfu
#   make test   installs what is missing, builds, runs the whole suite (both engines)
#
# Variables: SANITIZE=1 builds into build-asan/ with AddressSanitizer and
# UndefinedBehaviorSanitizer; BUILD=dir picks the object directory.

CC      ?= cc
PKGS    := sqlite3 libpq jansson lua5.4 xlsxwriter libzip expat libsodium libmicrohttpd
ifeq ($(SANITIZE),1)
BUILD   ?= build-asan
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT     := -O1
else
BUILD   ?= build
SANFLAGS :=
OPT     := -O2
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  += -std=c11 -D_GNU_SOURCE $(OPT) -g -Wall -Wextra -Werror -Isrc -I$(BUILD)/gen $(SANFLAGS) $(PKG_CFLAGS)
LDFLAGS += $(SANFLAGS)
LDLIBS  += $(PKG_LIBS) -lm

SOURCES    := $(wildcard src/*/*.c)
OBJECTS    := $(SOURCES:src/%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations_embedded.o
LIB_OBJECTS := $(filter-out $(BUILD)/cli/%.o,$(OBJECTS))
MIGRATIONS := $(sort $(wildcard migrations/*.sql))
UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all run test check unit setup clean format cppcheck bench

all: $(BUILD)/bangfu bangfu

bangfu: $(BUILD)/bangfu
	@if [ "$(BUILD)" = build ]; then cp $(BUILD)/bangfu bangfu; fi

$(BUILD)/bangfu: $(OBJECTS)
	$(CC) $(LDFLAGS) -o $@ $(OBJECTS) $(LDLIBS)

$(BUILD)/%.o: src/%.c $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/gen/migrations_embedded.c: $(MIGRATIONS) scripts/embed_migrations.sh
	@mkdir -p $(dir $@)
	scripts/embed_migrations.sh $@ $(MIGRATIONS)

$(BUILD)/gen/migrations_embedded.o: $(BUILD)/gen/migrations_embedded.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/libbangfu.a: $(LIB_OBJECTS)
	rm -f $@ && ar rcs $@ $(LIB_OBJECTS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libbangfu.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka) $(LDFLAGS) -o $@ $< $(BUILD)/libbangfu.a $(LDLIBS) $(shell pkg-config --libs cmocka)

unit: $(UNIT_TESTS)

# Installs missing Debian and npm packages (needs root; a no-op when all are there).
setup:
	scripts/setup.sh

run: setup
	$(MAKE) all
	scripts/run.sh

test: setup
	$(MAKE) all unit
	scripts/test.sh

check: all unit
	scripts/test.sh --quick

bench: all
	bench/run.sh

format:
	clang-format -i src/*/*.c src/*/*.h tests/unit/*.c bench/*.c 2>/dev/null || true

cppcheck:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	    --suppress=missingIncludeSystem -Isrc src

clean:
	rm -rf build build-asan bangfu
