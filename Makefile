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

tour: venv
	$(PY) -m kiosk tour --out docs/screenshots

clean:
	rm -rf .venv var out .pytest_cache
