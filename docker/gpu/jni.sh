#!/usr/bin/env bash
# tunebook jni: builds DJL's PyTorch JNI (libdjl_torch.so) against the libtorch you have, installs
# it where DJL's engine looks for it, and prints the environment that makes DJL use both.
# DJL 0.36 publishes its JNI for libtorch 2.7.1 only; one built for another libtorch loads and then
# fails on every tensor op. See docker/gpu/README.md for the inputs, the patches and the checks.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# The libtorch versions this command accepts: DJL 0.36's sources are written for 2.7; 2.14 is the
# newest one they were built and tested against here (docker/gpu/README.md).
min_minor=7
tested_minor=14

usage() {
  cat <<'EOF'
usage: tunebook jni --libtorch DIR|python --djl-src DIR|git [options]

Builds DJL's PyTorch JNI (libdjl_torch.so) for the libtorch you have and installs it where the
DJL engine on tunebook's classpath loads it from.

  --libtorch DIR       a libtorch: DIR/include (ATen, torch) and DIR/lib (libtorch.so, ...)
  --libtorch python    the libtorch inside python3's torch package (PYTHON=... picks another)
  --djl-src DIR        DJL's sources at the tag of the pytorch-engine in use: DIR holds
                       engines/pytorch/pytorch-native and api/src/main/native (a DJL checkout,
                       or `git archive vX.Y.Z engines/pytorch api/src/main/native`)
  --djl-src git        clone them (needs a network; DJL_GIT overrides the repository URL)
  --out DIR            engine cache to install into (default: DJL's own, ~/.djl.ai); the
                       library goes to DIR/pytorch/VERSION-FLAVOR-linux-x86_64/
  --flavor NAME        cpu or cuNNN (default: from the libtorch: cuda libraries and version)
  --engine-jar JAR     DJL's pytorch-engine jar (default: found in the build or ~/.m2)
  --jni-include DIR    jni.h, jni_md.h and ai_djl_pytorch_jni_PyTorchLibrary.h for a host
                       without a JDK (tunebook gpu-runtime writes them to target/gpu-runtime/jni)
  --no-cuda-extras     build without USE_CUDA (loses only DJL's separate inference stream and
                       emptyCache) where the CUDA toolkit headers are missing
  --build-dir DIR      where to build (default: a fresh temporary folder, removed on success)
  --jobs N             parallel compile jobs (default: nproc)
EOF
}

die() {
  echo "tunebook jni: $*" >&2
  exit 2
}

note() { echo "tunebook jni: $*" >&2; }

libtorch="" djl_src="" out="" flavor="" engine_jar="" jni_include="" build_dir="" cuda_extras=1
jobs="$(nproc 2>/dev/null || echo 2)"
while (($#)); do
  case "$1" in
    --libtorch | --djl-src | --out | --flavor | --engine-jar | --jni-include | --build-dir | --jobs)
      (($# >= 2)) || die "$1 needs a value (tunebook jni --help)"
      declare "$(echo "${1#--}" | tr - _)=$2"
      shift 2
      ;;
    --no-cuda-extras) cuda_extras=0 && shift ;;
    -h | --help) usage && exit 0 ;;
    *) die "unknown option '$1' (tunebook jni --help)" ;;
  esac
done
[[ -n "$libtorch" ]] || die "--libtorch DIR|python is required (tunebook jni --help)"
[[ -n "$djl_src" ]] || die "--djl-src DIR|git is required (tunebook jni --help)"

# shellcheck source=docker/gpu/jni/inputs.sh
source "$here/jni/inputs.sh"

check_tools
resolve_engine
resolve_libtorch
resolve_djl_sources
[[ -n "$out" ]] || out="${ENGINE_CACHE_DIR:-${DJL_CACHE_DIR:-$HOME/.djl.ai}}"
mkdir -p "$out" && out="$(cd "$out" && pwd)"
keep_build=1
if [[ -z "$build_dir" ]]; then
  build_dir="$(mktemp -d "${TMPDIR:-/tmp}/tunebook-jni.XXXXXX")"
  keep_build=0
fi
mkdir -p "$build_dir/src" && build_dir="$(cd "$build_dir" && pwd)"
resolve_jni_headers
# A copy, with its times kept, so that a reused --build-dir recompiles only what changed.
cp -p "$native_dir"/*.cc "$native_dir"/*.h "$build_dir/src/"

note "building libdjl_torch.so for libtorch $torch_version ($flavor, C++$cxx_std, cxx11 abi $cxx11_abi)"
generator=()
if command -v ninja >/dev/null; then
  generator=(-G Ninja)
fi
cmake -S "$here/jni" -B "$build_dir/build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER="$cxx" \
  -DDJL_NATIVE_DIR="$build_dir/src" -DDJL_UTILS_DIR="$utils_dir" \
  -DJNI_HEADER_DIR="$jni_dir" -DLIBTORCH_INCLUDE="$torch_include" -DLIBTORCH_LIB="$torch_lib" \
  -DCXX_STD="$cxx_std" -DCXX11_ABI="$cxx11_abi" -DUSE_CUDA="$use_cuda" \
  -DEXTRA_INCLUDES="$cuda_include" -DCUDART="$cudart" >"$build_dir/cmake.log" 2>&1 ||
  { cat "$build_dir/cmake.log" >&2; die "cmake could not configure the build (log above)"; }
if ! cmake --build "$build_dir/build" --parallel "$jobs" >"$build_dir/build.log" 2>&1; then
  grep -E 'error|Error' "$build_dir/build.log" | head -n 40 >&2 || true
  die "the compile failed against libtorch $torch_version; full log: $build_dir/build.log"
fi

target="$out/pytorch/$torch_version-$flavor-linux-x86_64"
mkdir -p "$target"
cp "$build_dir/build/libdjl_torch.so" "$target/$djl_version-libdjl_torch.so.tmp"
mv -f "$target/$djl_version-libdjl_torch.so.tmp" "$target/$djl_version-libdjl_torch.so"
if ((!keep_build)); then
  rm -rf "$build_dir"
fi

note "installed $target/$djl_version-libdjl_torch.so"
echo "# DJL $djl_version on libtorch $torch_version ($flavor): export these before tunebook starts"
echo "export PYTORCH_LIBRARY_PATH=$torch_lib"
echo "export PYTORCH_VERSION=$torch_version"
echo "export PYTORCH_FLAVOR=$flavor"
if [[ "$out" != "${ENGINE_CACHE_DIR:-${DJL_CACHE_DIR:-$HOME/.djl.ai}}" ]]; then
  echo "export ENGINE_CACHE_DIR=$out"
fi
if [[ -n "$cudart" ]]; then
  echo "export LD_LIBRARY_PATH=$(dirname "$cudart")\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
fi
echo "export DJL_OFFLINE=true"
