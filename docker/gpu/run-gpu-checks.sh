#!/usr/bin/env bash
# The GPU checks of tunebook in one command, for a GPU host with PyTorch (python3 -c "import torch")
# but no Java and no network. Needs the runtime of `./tunebook gpu-runtime` (target/gpu-runtime or
# target/gpu-runtime.tar.gz, carried along). Stages, each logged to $OUT/<stage>.log and bounded by
# `timeout`, a failure never stopping the later ones, all within TUNEBOOK_GPU_BUDGET seconds (540):
#   env        the card, driver, torch, CUDA toolkit, compilers
#   jni        tunebook jni: DJL's JNI built against python3's libtorch (USE_CUDA; retried without)
#   parity     Model/Adapter/OptimizerParityTest on the GPU (TF32 off) with that JNI, from the
#              travelling JRE and JUnit's console launcher, against the fixtures
#   minilm     a random-weight MiniLM folder for the benchmarks (minilm_random.py)
#   bench      MiniLmTrainStepBench on the GPU, alternating with PyTorch eager on the same card
#   reference  transformers + peft on the same card: fixture parity and the MiniLM steps
# Then $OUT/summary.txt; the built libdjl_torch.so comes back too. Usage:
#   docker/gpu/run-gpu-checks.sh [--cpu --libtorch DIR] [--steps N]
# --cpu is the dry run for hosts without a GPU: a local libtorch, device cpu, the CUDA-only parts
# skipped. JAVA_PREFIX (a command such as a loader) goes before every java command, and
# TUNEBOOK_JNI_BUILD_DIR keeps the JNI build between runs.
set -uo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root" || exit 2
out="${OUT:-$root/target/gpu-checks}"
work="$(mktemp -d "${TMPDIR:-/tmp}/tunebook-gpu.XXXXXX")"
python="${PYTHON:-python3}"
deadline=$(($(date +%s) + ${TUNEBOOK_GPU_BUDGET:-540}))
cpu=0 libtorch=python steps=30
while (($#)); do
  case "$1" in
    --cpu) cpu=1 && shift ;;
    --libtorch) libtorch="$2" && shift 2 ;;
    --steps) steps="$2" && shift 2 ;;
    *) echo "run-gpu-checks: unknown option '$1'" >&2 && exit 2 ;;
  esac
done
mkdir -p "$out"
device=gpu torch_device=cuda
if ((cpu)); then
  device=cpu torch_device=cpu
fi
declare -A status

# run STAGE SECONDS COMMAND...: one stage, its output in $OUT/STAGE.log, within the deadline.
run() {
  local stage="$1" seconds="$2" start rc left
  shift 2
  start="$(date +%s)"
  left=$((deadline - start))
  ((seconds < left)) || seconds="$left"
  if ((seconds < 10)); then
    status[$stage]="skipped: out of time"
    echo "== $stage: ${status[$stage]}" | tee -a "$out/$stage.log"
    return 124
  fi
  echo "== $stage (limit ${seconds} s): $*" | tee -a "$out/$stage.log"
  timeout --kill-after=10 "$seconds" "$@" >>"$out/$stage.log" 2>&1
  rc=$?
  status[$stage]="rc=$rc after $(($(date +%s) - start)) s$( ((rc == 124)) && echo ' (timed out)')"
  echo "== $stage: ${status[$stage]}" | tee -a "$out/$stage.log"
  return "$rc"
}

# The travelling runtime: the folder, or the archive unpacked here.
rt="$root/target/gpu-runtime"
if [[ ! -x "$rt/jre/bin/java" && -f "$root/target/gpu-runtime.tar.gz" ]]; then
  tar -C "$work" -xzf "$root/target/gpu-runtime.tar.gz"
  rt="$work/gpu-runtime"
fi
# shellcheck disable=SC2206 # JAVA_PREFIX is a command line and splits into words.
java=(${JAVA_PREFIX:-} "$rt/jre/bin/java")
jars=("$rt"/lib/*.jar)
cp_jars="$(IFS=: && echo "${jars[*]}")"
engine_jar=("$rt"/lib/pytorch-engine-*.jar)
# shellcheck disable=SC2016 # the script's $1 and $2 are bash -c's arguments.
run env 30 bash -c 'nvidia-smi; "$1" -c "import torch; print(\"torch\", torch.__version__,
  \"cuda\", torch.version.cuda, \"available\", torch.cuda.is_available())"
  command -v nvcc && nvcc --version | tail -n 2; cmake --version | head -n 1
  echo "ninja $(ninja --version)"; "${CXX:-g++}" --version | head -n 1; du -sh "$2"/*; true' \
  _ "$python" "$rt"

# jni: build and install into a private engine cache; its log ends with the environment to use.
jni=("$here/jni.sh" --libtorch "$libtorch" --djl-src "$rt/djl-src" --jni-include "$rt/jni"
  --engine-jar "${engine_jar[0]}" --out "$work/djl-cache"
  --build-dir "${TUNEBOOK_JNI_BUILD_DIR:-$work/jni-build}")
run jni 300 "${jni[@]}"
if [[ "${status[jni]}" != rc=0* && "${status[jni]}" != *"timed out"* ]] && ((!cpu)); then
  run jni 180 "${jni[@]}" --no-cuda-extras
fi
if [[ "${status[jni]}" == rc=0* ]]; then
  grep '^export ' "$out/jni.log" >"$work/jni.env"
  # shellcheck disable=SC1091
  source "$work/jni.env"
  cp "$(find "$work/djl-cache" -name '*libdjl_torch.so' | head -n 1)" "$out/"
fi
export DJL_OFFLINE=true RUST_FLAVOR=cpu OMP_WAIT_POLICY=PASSIVE
# TF32 off everywhere: cuBLAS and cuDNN honour this over any library default.
export NVIDIA_TF32_OVERRIDE=0
unset TORCH_ALLOW_TF32_CUBLAS_OVERRIDE
jvm_opts=(-Djava.awt.headless=true)
# DJL counts GPUs through libcudart (JNA), by its unversioned name.
cudart="$(find "$("$python" -c 'import os, torch; print(os.path.dirname(os.path.dirname(torch.__file__)))' 2>/dev/null)/nvidia" \
  /usr/local/cuda/lib64 -name 'libcudart.so*' 2>/dev/null | head -n 1)"
if ((!cpu)) && [[ -n "$cudart" ]]; then
  mkdir -p "$work/cudart" && ln -sf "$cudart" "$work/cudart/libcudart.so"
  jvm_opts+=(-Djna.library.path="$work/cudart")
fi

# run_java STAGE SECONDS ARGS...: a java stage, skipped without a JNI (it would only say so).
run_java() {
  if [[ "${status[jni]}" != rc=0* ]]; then
    status[$1]="skipped: no JNI"
    echo "== $1: ${status[$1]}" | tee -a "$out/$1.log"
    return 1
  fi
  local stage="$1" seconds="$2"
  shift 2
  run "$stage" "$seconds" "${java[@]}" "${jvm_opts[@]}" "$@"
}

run_java parity 200 -Dtunebook.device="$device" \
  -Dtunebook.fixtures="$rt/fixtures" -jar "$rt"/junit-platform-console-standalone-*.jar execute \
  --class-path "$cp_jars" --disable-banner --details=tree \
  --select-class dev.tunebook.finetune.model.ModelParityTest \
  --select-class dev.tunebook.finetune.lora.AdapterParityTest \
  --select-class dev.tunebook.finetune.train.OptimizerParityTest

run minilm 60 "$python" "$here/minilm_random.py" "$work/minilm"
bench_python="$python"
if ! "$python" -c 'import torch' 2>/dev/null; then
  bench_python=none
fi
run_java bench 200 -cp "$cp_jars" -Dbench.device="$device" \
  -Dbench.model="$work/minilm" -Dbench.python="$bench_python" \
  dev.tunebook.finetune.bench.MiniLmTrainStepBench "$steps" $((steps < 5 ? steps : 5))

run reference 240 "$python" "$here/reference_gpu.py" --fixtures "$rt/fixtures" \
  --minilm "$work/minilm" --device "$torch_device" --steps "$steps"

{
  echo "tunebook GPU checks ($(date -u +%FT%TZ)), device $device"
  for stage in env jni parity minilm bench reference; do
    printf '%-10s %s\n' "$stage" "${status[$stage]:-not run}"
  done
  grep -E 'tests (successful|failed)' "$out/parity.log"
  grep -E '^(DJL|PyTorch|ratio)' "$out/bench.log"
  grep -E '^(reference|parity|step)' "$out/reference.log"
} >"$out/summary.txt" 2>/dev/null
cat "$out/summary.txt"
rm -rf "$work"
