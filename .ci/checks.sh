# The checks after the install, shared by .ci/run (pinned) and .ci/run-latest (newest releases).
# Sourced with $venv set to a virtual environment that holds the project and its test extras.
"$venv/bin/ruff" check src tests benchmarks
"$venv/bin/ruff" format --check src tests benchmarks
"$venv/bin/mypy"
# The layers and who may use rich and typer: the contracts in pyproject.toml.
"$venv/bin/lint-imports"

# The README's test command, inside this environment.
"$venv/bin/python" -m pytest
