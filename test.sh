#!/usr/bin/env bash
# The project's test command (README.md): installs what the tests need, builds, runs every test.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test PredLlm.Synth.sln --configuration Release --logger "console;verbosity=normal" "$@"
