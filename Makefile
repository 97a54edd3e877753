# yjlens — the README's commands. `make demo` and `make test` set up the machine if needed.
.PHONY: setup build wasm package sample demo test test-native test-wasm test-e2e bench lint types clean

# A target directory of its own: the Debian rustc and rustup's rustc would otherwise rebuild
# each other's host build scripts on every run.
WASM_DIR := target/wasm

# The wasm route: rustup's wasm32 target when installed, else Debian's Rust with -Z build-std
# (scripts/setup.sh installs it; see docs/toolchain.md).
WASM_ROUTE := $(shell rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown && echo rustup || echo debian)
ifeq ($(WASM_ROUTE),debian)
WASM_CARGO := CARGO_TARGET_DIR=$(WASM_DIR) RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo
WASM_FLAGS := -Z build-std=std,panic_abort
else
WASM_CARGO := CARGO_TARGET_DIR=$(WASM_DIR) cargo
WASM_FLAGS :=
endif
WASM_TARGET := wasm32-unknown-unknown
# The browser modules' cargo profile: `release` (opt-level 3), and `$(WASM_PROFILE)-full` for
# the full module; `WASM_PROFILE=wasm-small` builds them at opt-level "s" (Cargo.toml).
WASM_PROFILE ?= release
WASM_OUT := $(WASM_DIR)/$(WASM_TARGET)/$(WASM_PROFILE)
PKG := www/yjlens
PORT ?= 8000

setup:
	@bash scripts/setup.sh

# The package folder a host copies anywhere on its origin: the element, its worker, its
# stylesheet, the wasm core and its bindings, TypeScript declarations and package.json — and the
# sample data the demo pages and the end-to-end tests read (`make sample`).
build: setup wasm sample

wasm:
	$(WASM_CARGO) build --profile $(WASM_PROFILE) --target $(WASM_TARGET) $(WASM_FLAGS) -p yjlens-wasm --lib
	mkdir -p $(PKG)
	wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
	  --out-dir $(PKG) $(WASM_OUT)/yjlens.wasm
	# Issue 15: the full module (the KPIs' files and the comparators as well), which the worker
	# fetches only when KPI or comparator files arrive; a profile of its own (the same settings)
	# so that the two builds never overwrite each other's output.
	$(WASM_CARGO) build --profile $(WASM_PROFILE)-full --target $(WASM_TARGET) $(WASM_FLAGS) -p yjlens-wasm --lib --features full
	wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
	  --out-name yjlens_full --out-dir $(PKG) $(WASM_DIR)/$(WASM_TARGET)/$(WASM_PROFILE)-full/yjlens.wasm
	# Issue 13: the spreadsheet module (.xlsx, .ods, zip), fetched only when one is dropped. A
	# cargo run of its own, so that its dependencies' features never change the main module.
	$(WASM_CARGO) build --profile $(WASM_PROFILE) --target $(WASM_TARGET) $(WASM_FLAGS) -p yjlens-sheets-wasm --lib
	wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
	  --out-name yjlens_sheets --out-dir $(PKG) $(WASM_OUT)/yjlens_sheets_wasm.wasm
	# Issue 15: the publish module (public mode, disclosure-controlled exports), fetched only
	# for them, so that the CSV module carries no disclosure control.
	$(WASM_CARGO) build --profile $(WASM_PROFILE) --target $(WASM_TARGET) $(WASM_FLAGS) -p yjlens-publish-wasm --lib
	wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
	  --out-name yjlens_publish --out-dir $(PKG) $(WASM_OUT)/yjlens_publish_wasm.wasm
	$(MAKE) --no-print-directory package
	@printf 'built %s: wasm %s bytes gzip, js %s bytes gzip (every JS file but the spreadsheet module'"'"'s, concatenated)\n' $(PKG) \
	  $$(gzip -9c $(PKG)/yjlens_bg.wasm | wc -c) $$(find $(PKG) -name '*.js' ! -name 'yjlens_sheets.js' ! -name 'sheets.js' | sort | xargs cat | gzip -9c | wc -c)
	@# Issue 15: what a page fetches to analyse a CSV, file by file (tests/e2e/csv_path.test.mjs
	@# checks the list against Chromium's requests), and the package's total.
	@node scripts/shipped.mjs $(PKG)
	@printf 'spreadsheet module (loaded only for a spreadsheet): wasm %s bytes gzip, js %s bytes gzip\n' \
	  $$(gzip -9c $(PKG)/yjlens_sheets_bg.wasm | wc -c) $$(cat $(PKG)/yjlens_sheets.js $(PKG)/sheets.js | gzip -9c | wc -c)

# Issue 15: the page's files written into the package minified (scripts/package.mjs: esbuild,
# one file per module as in www/src, the stylesheet too; www/src stays the readable source), and
# wasm-bindgen's bindings minified in place. After an edit of www/src alone, `make package` is
# enough (copying www/src/. over the package works too, unminified).
# The core's Welsh table, which the browser's modules are built without, is written beside the
# page's (messages/core-cy.js, fetched by Welsh pages only).
package:
	node scripts/package.mjs www/src $(PKG) yjlens.js yjlens_full.js yjlens_sheets.js yjlens_publish.js
	cp www/types/report.d.ts $(PKG)/
	cargo run -q --example message_table -- cy > $(PKG)/messages/core-cy.js.tmp && mv $(PKG)/messages/core-cy.js.tmp $(PKG)/messages/core-cy.js

# The sample data (gitignored): a synthetic extract, its population and the aggregate file the
# public page reads, made by the CLI and remade when the Rust sources change. `demo` and `test`
# have it through `build`.
RUST_SRC := Cargo.toml Cargo.lock $(shell find src wasm cli sheets sheets-wasm -name '*.rs' -o -name Cargo.toml)
SAMPLE_CSV := www/sample-extract.csv www/sample-population.csv www/sample-aggregate.csv www/sample-interventions.csv www/sample-board.csv
sample: $(SAMPLE_CSV)

www/sample-extract.csv: $(RUST_SRC)
	cargo run -q --release --bin yjlens -- sample --children 2000 --seed 7 > $@.tmp && mv $@.tmp $@

www/sample-population.csv: $(RUST_SRC)
	cargo run -q --release --bin yjlens -- sample --children 2000 --seed 7 --population > $@.tmp && mv $@.tmp $@

# Issue 14: the KPIs' files of the same sample (the interventions join the extract by child_id).
www/sample-interventions.csv: $(RUST_SRC)
	cargo run -q --release --bin yjlens -- sample --children 2000 --seed 7 --interventions > $@.tmp && mv $@.tmp $@

www/sample-board.csv: $(RUST_SRC)
	cargo run -q --release --bin yjlens -- sample --children 2000 --seed 7 --board > $@.tmp && mv $@.tmp $@

www/sample-aggregate.csv: www/sample-extract.csv www/sample-population.csv www/sample-interventions.csv www/sample-board.csv $(RUST_SRC)
	cargo run -q --release --bin yjlens -- aggregate www/sample-extract.csv --population www/sample-population.csv --interventions www/sample-interventions.csv --board www/sample-board.csv > $@.tmp && mv $@.tmp $@

demo: build
	@echo "yjlens demo: http://127.0.0.1:$(PORT)/"
	node scripts/serve.mjs www $(PORT)

test: build test-native test-wasm test-e2e

test-native:
	cargo test

test-wasm:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
	  $(WASM_CARGO) test --release --target $(WASM_TARGET) $(WASM_FLAGS) -p yjlens-wasm --test wasm_browser

# The browser tests, a file at a time (scripts/e2e.mjs: a file is run once more only when
# Chromium itself went away under every test that failed, and the summary says so).
test-e2e:
	node scripts/e2e.mjs

# The TypeScript declarations of the report and the catalogue (www/types/report.d.ts), written
# from the Rust types; `cargo test` fails while the committed file is stale.
types:
	YJLENS_WRITE_TYPES=1 cargo test -q -p yjlens-core --test typescript

# Benchmarks against DuckDB-WASM and Arquero in one headless Chromium (bench/README.md). Not
# part of `make test`. Extracts are generated into bench/data/ (gitignored); the package is
# rebuilt only when its sources changed. BENCH_ARGS e.g. "--sizes 50k --reps 3".
BENCH_ARGS ?=
bench: bench/data/rows-50k.csv bench/data/rows-1m.csv $(PKG)/yjlens_bg.wasm node_modules/.package-lock.json
	node bench/run.mjs $(BENCH_ARGS)

$(PKG)/yjlens_bg.wasm: $(RUST_SRC) $(wildcard www/src/*)
	$(MAKE) wasm

bench/data/rows-50k.csv: src/sample/mod.rs
	mkdir -p bench/data
	cargo run -q --release --bin yjlens -- sample --rows 50000 --seed 1 > $@

bench/data/rows-1m.csv: src/sample/mod.rs
	mkdir -p bench/data
	cargo run -q --release --bin yjlens -- sample --rows 1000000 --seed 1 > $@

# Issue 15 item 3: ten million rows (1.5 GB, ~26 s to generate), not among the default sizes: each
# tool takes 20-30 s on it and needs 1.5 GB of disk. The page gets it as a File from disk, the
# first (cold) run timed; BENCH_ARGS come first, so they override these.
.PHONY: bench-10m
bench-10m: bench/data/rows-10m.csv $(PKG)/yjlens_bg.wasm node_modules/.package-lock.json
	BENCH_NO_PROFILE=1 node bench/run.mjs $(BENCH_ARGS) --sizes 10m --reps 0 --tools yjlens-w1,yjlens,duckdb

bench/data/rows-10m.csv: src/sample/mod.rs
	mkdir -p bench/data
	cargo run -q --release --bin yjlens -- sample --rows 10000000 --seed 1 > $@

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

lint: node_modules/.package-lock.json
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	npx eslint www/src tests/e2e scripts
	node scripts/check-imports.mjs www/src
	node scripts/check-catalogue.mjs www/src

clean:
	rm -rf target $(PKG) node_modules
