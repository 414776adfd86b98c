# goalplan: `make run` starts the intake, `make test` runs the tests.
# Each installs what it needs (libedit-dev; cmark-gfm for the Markdown tests) when missing.

SWIFT  ?= swift
PREFIX ?= /usr/local
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps test-deps check clean readability

## Install the C library goalplan reads lines with.
deps:
	@test -f /usr/include/histedit.h || { \
	  echo "Installing libedit-dev (line editing)..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libedit-dev >/dev/null; }

## Tools the tests use: cmark-gfm, a CommonMark parser that checks the plans we write.
test-deps: deps
	@command -v cmark-gfm >/dev/null || { \
	  echo "Installing cmark-gfm (to check the Markdown in tests)..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq cmark-gfm >/dev/null; }

build: deps
	$(SWIFT) build

## Start the first-session intake in this terminal.
run: build
	@.build/debug/goalplan start intake

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

## Check the flows in Prompts/.
check: build
	.build/debug/goalplan check Prompts

clean:
	rm -rf .build

## How easy the built-in prompts are to read (Flesch-Kincaid grade), hardest first.
readability: test-deps
	$(SWIFT) test --filter ReadabilityTests 2>&1 | grep -E -A12 'Hardest prompts'
