# goalplan: `make run` starts the intake, `make test` runs the tests.
# Each installs what it needs when missing: libedit-dev, libcmark-gfm-dev, libyaml-dev and libunibreak-dev
# to build; for the tests also cmark-gfm, pandoc, python3, wamerican, wbritish, chromium and poppler-utils
# from Debian, gettext (to check the message catalogs), and mdformat from PyPI.

SWIFT  ?= swift
PREFIX ?= /usr/local
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps test-deps check clean messages readability install uninstall dist benchmark print safety-report screen-model

## Install the C libraries goalplan is built with: libedit (line editing), cmark-gfm
## (GitHub's CommonMark parser, which reads plans back), libyaml, and libunibreak (where a
## line may break, to wrap text to the terminal).
deps:
	@test -f /usr/include/histedit.h && test -f /usr/include/cmark-gfm-core-extensions.h && test -f /usr/include/yaml.h \
	  && test -f /usr/include/linebreak.h || { \
	  echo "Installing libedit-dev, libcmark-gfm-dev, libyaml-dev and libunibreak-dev (line editing, reading Markdown and YAML, wrapping lines)..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq \
	    libedit-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libunibreak-dev >/dev/null; }

## Tools the tests use: cmark-gfm, a CommonMark parser that checks the plans we write; Debian's
## American and British word lists, which keep each flow to the spelling of its locale; python3,
## which drives the fuzzers through the binary; the Markdown tools people run plans through
## (pandoc from Debian, mdformat and mdformat-gfm from PyPI), which Tests/Markdown/transforms.py runs;
## and headless Chromium with poppler-utils and DejaVu fonts, with which Tests/Print/pages.py prints
## plans to PDF and reads the pages.
test-deps: deps
	@command -v cmark-gfm >/dev/null && command -v python3 >/dev/null && command -v pandoc >/dev/null \
	  && command -v msgfmt >/dev/null \
	  && test -f /usr/share/dict/american-english && test -f /usr/share/dict/british-english || { \
	  echo "Installing cmark-gfm, pandoc, python3, gettext and the American and British word lists (for the tests)..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq cmark-gfm pandoc python3 python3-pip \
	    gettext wamerican wbritish >/dev/null; }
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null && test -d /usr/share/fonts/truetype/dejavu || { \
	  echo "Installing chromium, poppler-utils and DejaVu fonts (to print plans to PDF and read the pages)..."; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core poppler-utils >/dev/null; }
	@python3 -m mdformat --version 2>/dev/null | grep -q gfm || { \
	  echo "Installing mdformat and its GitHub-flavored plugin (a Markdown formatter) from PyPI..."; \
	  python3 -m pip --version >/dev/null 2>&1 || $(SUDO) apt-get install -y -qq python3-pip >/dev/null; \
	  python3 -m pip install -q mdformat mdformat-gfm 2>/dev/null \
	    || python3 -m pip install -q --break-system-packages mdformat mdformat-gfm; }

build: deps
	$(SWIFT) build

## The program's own words: write the template (Prompts/messages/goalplan.pot) from the
## tr("...") calls in Sources/ and merge it into each LANG.po, for a translator to fill in.
messages:
	python3 Tests/Messages/catalog.py update

## Start the first-session intake in this terminal.
run: build
	@.build/debug/goalplan start intake

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test
	@echo "The program's words in every language (Tests/Messages/catalog.py):"
	python3 Tests/Messages/catalog.py check
	@echo "Round trips of random answers through the binary (Tests/Fuzz/roundtrip.py):"
	python3 Tests/Fuzz/roundtrip.py .build/debug/goalplan 100 $${ROUNDTRIP_SEED:-1}
	@echo "Plans through mdformat, pandoc, cmark-gfm and hand edits (Tests/Markdown/transforms.py):"
	python3 Tests/Markdown/transforms.py .build/debug/goalplan
	@echo "Plans printed to PDF on A4 and Letter, full and client copy, page by page (Tests/Print/pages.py):"
	python3 Tests/Print/pages.py .build/debug/goalplan
	@echo "make install into a temporary prefix, and the installed binary with the toolchain hidden (Tests/Install/run):"
	Tests/Install/run

## Check the flows in Prompts/.
check: build
	.build/debug/goalplan check Prompts

clean:
	rm -rf .build

## How easy the built-in prompts are to read (Flesch-Kincaid grade), hardest first.
readability: test-deps
	$(SWIFT) test --filter ReadabilityTests 2>&1 | grep -E -A12 'Hardest prompts'

## How the crisis screen does on its corpus: recall by kind and false alarms, on the tuning half
## and on the held-out half it was never tuned on.
safety-report: test-deps
	$(SWIFT) test --filter SafetyCorpusTests 2>&1 | grep -E '^(Safety screen|  )'

## Train the screen's backing model again on the tuning half (needs python3 with numpy), then
## rebuild. Rewrites Sources/GoalPlanCore/Safety/CrisisModelWeights.swift.
screen-model: build
	python3 Tests/GoalPlanCoreTests/SafetyCorpus/train.py .build/debug/goalplan \
	  Sources/GoalPlanCore/Safety/CrisisModelWeights.swift Tests/GoalPlanCoreTests/SafetyCorpus/tuning.tsv
	$(SWIFT) build

BINDIR  = $(DESTDIR)$(PREFIX)/bin
MANDIR  = $(DESTDIR)$(PREFIX)/share/man/man1
DOCDIR  = $(DESTDIR)$(PREFIX)/share/doc/goalplan
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR  = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

## Install one self-contained binary (flows built in, Swift runtime linked statically), its
## man page, shell completions and the flow-format guide under PREFIX (default /usr/local).
## The manual's plugin builds a binary of its own in .build/release, so the one installed is
## built apart, in .build/static, with the Swift runtime linked in.
install: deps
	$(SWIFT) package plugin generate-manual >/dev/null
	$(SWIFT) build -c release --static-swift-stdlib --product goalplan --scratch-path .build/static
	install -d $(BINDIR) $(MANDIR) $(DOCDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 0755 -s .build/static/release/goalplan $(BINDIR)/goalplan
	install -m 0644 .build/plugins/GenerateManual/outputs/goalplan/goalplan.1 $(MANDIR)/goalplan.1
	install -m 0644 Prompts/README.md $(DOCDIR)/flow-format.md
	install -m 0644 README.md $(DOCDIR)/README.md
	$(BINDIR)/goalplan --generate-completion-script bash > $(BASHDIR)/goalplan
	$(BINDIR)/goalplan --generate-completion-script zsh > $(ZSHDIR)/_goalplan
	$(BINDIR)/goalplan --generate-completion-script fish > $(FISHDIR)/goalplan.fish
	@echo "Installed $(BINDIR)/goalplan. At run time it needs libedit2, cmark-gfm's libraries, libyaml and libunibreak" \
	  "(apt-get install libedit2 libcmark-gfm-extensions0.29.0.gfm.6 libyaml-0-2 libunibreak1)."

## A release tarball: the installed tree (binary, man page, completions, flow guide) and its
## SHA-256, in dist/.
VERSION = $(shell sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/goalplan/GoalPlan.swift)
dist: deps
	rm -rf .build/dist && mkdir -p dist
	$(MAKE) install PREFIX=/goalplan-$(VERSION) DESTDIR=$(CURDIR)/.build/dist
	tar -C .build/dist -czf dist/goalplan-$(VERSION)-linux-$(shell uname -m).tar.gz goalplan-$(VERSION)
	cd dist && sha256sum goalplan-$(VERSION)-linux-$(shell uname -m).tar.gz > goalplan-$(VERSION)-linux-$(shell uname -m).tar.gz.sha256
	@cat dist/goalplan-$(VERSION)-linux-$(shell uname -m).tar.gz.sha256

uninstall:
	rm -f $(BINDIR)/goalplan $(MANDIR)/goalplan.1 $(BASHDIR)/goalplan $(ZSHDIR)/_goalplan $(FISHDIR)/goalplan.fish
	rm -rf $(DOCDIR)

## Speed and memory figures for PERFORMANCE.md.
benchmark: deps
	Benchmarks/run

## Print a plan to PDF the way a browser would, to look at it: make print PLAN=plan.md PAPER=a4
## (or letter). Exports the HTML, prints it with headless Chromium, and renders page images.
PLAN  ?= Tests/goalplanTests/Fixtures/shared-plan.md
PAPER ?= a4
print: build
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core poppler-utils >/dev/null; }
	@mkdir -p .build/print
	.build/debug/goalplan export $(PLAN) --format html --paper $(PAPER) --force --out .build/print/plan.html
	chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf=.build/print/plan.pdf .build/print/plan.html 2>/dev/null
	pdftoppm -png -r 70 .build/print/plan.pdf .build/print/page
	@echo "Wrote .build/print/plan.pdf and .build/print/page-*.png"
