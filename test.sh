#!/usr/bin/env bash
# The project's test command (README.md): builds and runs every test (the tests install what they need:
# Azurite through npm, Debian's chromium through apt-get), then the benchmark's smoke run.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test PredLlm.Synth.sln --configuration Release --logger "console;verbosity=normal" "$@"
# The paper protocol end to end on one small table: a smoke test of `predllm bench paper`, not a measurement.
dotnet run --project src/PredLlm.Synth.Cli --configuration Release --no-build -- bench paper --quick
