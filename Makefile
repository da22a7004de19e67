# The two commands of the README: `make run` and `make test`. Each sets up .venv on first use.
PY := .venv/bin/python
export KIVY_NO_ARGS := 1

.PHONY: run test bench tour venv clean

venv:
	@scripts/bootstrap.sh

run: venv
	$(PY) -m kiosk run

test: venv
	scripts/run-tests.sh

bench: venv
	$(PY) -m benchmarks

# Every state at the three panel sizes: docs/screenshots/<WxH>/<state>.png, layout checked.
TOUR_SIZES := 540x960 1080x1920 1920x1080

tour: venv
	@status=0; for size in $(TOUR_SIZES); do \
		$(PY) -m kiosk tour --out docs/screenshots --size $$size > /dev/null || status=1; done; exit $$status

clean:
	rm -rf .venv var out .pytest_cache
