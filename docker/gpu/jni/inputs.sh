# shellcheck shell=bash disable=SC2034,SC2154 # variables shared with jni.sh, which sources this
# Checks and resolves the inputs of docker/gpu/jni.sh (sourced by it): the tools, the libtorch,
# DJL's engine jar and sources, and the JNI headers. Each failure names what is missing and why.

check_tools() {
  command -v cmake >/dev/null || die "cmake is not installed (apt-get install cmake, or pip install cmake)"
  local version
  version="$(cmake --version | sed -n 's/^cmake version \([0-9]*\.[0-9]*\).*/\1/p')"
  if [[ -n "$version" ]] && (($(echo "$version" | awk -F. '{print ($1 * 100 + $2 < 318)}'))); then
    die "cmake $version is too old: 3.18 or newer is needed (precompiled headers)"
  fi
  cxx="${CXX:-}"
  if [[ -z "$cxx" ]]; then
    cxx="$(command -v g++ || command -v c++ || command -v clang++ || true)"
  fi
  if [[ -z "$cxx" ]] || ! command -v "$cxx" >/dev/null; then
    die "no C++ compiler (g++, c++ or clang++; set CXX to pick one): apt-get install g++"
  fi
}

# Sets torch_root, torch_include, torch_lib, torch_version, flavor, cxx_std, cxx11_abi, use_cuda
# and cuda_include.
resolve_libtorch() {
  local python="${PYTHON:-python3}" cuda_version=""
  if [[ "$libtorch" == python ]]; then
    command -v "$python" >/dev/null || die "--libtorch python: $python is not installed"
    local info
    info="$("$python" -c 'import os, torch; print(os.path.dirname(torch.__file__)); print(torch.__version__); print(torch.version.cuda or "")' 2>&1)" ||
      die "--libtorch python: '$python -c \"import torch\"' failed: $info"
    torch_root="$(sed -n 1p <<<"$info")"
    torch_version="$(sed -n 2p <<<"$info")"
    cuda_version="$(sed -n 3p <<<"$info")"
  else
    [[ -d "$libtorch" ]] || die "--libtorch $libtorch: no such directory"
    torch_root="$(cd "$libtorch" && pwd)"
    torch_version="$(header_version "$torch_root/include")"
    if [[ -f "$torch_root/build-version" ]]; then
      torch_version="$(cat "$torch_root/build-version")"
    fi
  fi
  torch_include="$torch_root/include"
  torch_lib="$torch_root/lib"
  [[ -f "$torch_include/ATen/ATen.h" && -f "$torch_include/torch/csrc/api/include/torch/torch.h" ]] ||
    die "$torch_root is a libtorch without headers: $torch_include/ATen/ATen.h or" \
      "$torch_include/torch/csrc/api/include/torch/torch.h is missing (DJL's pytorch-native jars" \
      "and JavaCPP's ship none; use a libtorch zip from pytorch.org, a torch wheel, or libtorch-dev)"
  [[ -f "$torch_lib/libtorch.so" && -f "$torch_lib/libtorch_cpu.so" && -f "$torch_lib/libc10.so" ]] ||
    die "$torch_lib lacks libtorch.so, libtorch_cpu.so or libc10.so: not a libtorch lib folder"
  [[ -n "$torch_version" ]] || die "cannot tell the version of $torch_root: no build-version file" \
    "and no TORCH_VERSION_MAJOR in its torch/version.h"
  check_version
  detect_flavor "$cuda_version"
  cxx_std=17
  if grep -q 'C++20 or later' "$torch_include/ATen/ATen.h"; then
    cxx_std=20
  fi
  cxx11_abi=1
  # grep -c reads all of nm's output: grep -q would end the pipe early and fail it (pipefail).
  if command -v nm >/dev/null &&
    [[ "$(nm -D --defined-only "$torch_lib/libc10.so" | grep -c __cxx11 || true)" == 0 ]]; then
    cxx11_abi=0
    [[ "$flavor" == *-precxx11 ]] || flavor="$flavor-precxx11"
  fi
}

# Prints MAJOR.MINOR.PATCH from the version header of the include folder $1, if it has one.
header_version() {
  local file
  for file in "$1/torch/headeronly/version.h" "$1/torch/csrc/api/include/torch/version.h"; do
    if [[ -f "$file" ]] && grep -q 'define TORCH_VERSION_MAJOR' "$file"; then
      awk '/define TORCH_VERSION_(MAJOR|MINOR|PATCH) / {v[$2] = $3}
        END {print v["TORCH_VERSION_MAJOR"] "." v["TORCH_VERSION_MINOR"] "." v["TORCH_VERSION_PATCH"]}' "$file"
      return
    fi
  done
}

check_version() {
  torch_version="${torch_version%%+*}"
  [[ "$torch_version" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+) ]] ||
    die "libtorch version '$torch_version' is not MAJOR.MINOR.PATCH"
  torch_version="${BASH_REMATCH[0]}"
  local major="${BASH_REMATCH[1]}" minor="${BASH_REMATCH[2]}"
  if ((major != 2 || minor < min_minor)); then
    die "libtorch $torch_version is outside what DJL $djl_version_hint's engine can drive:" \
      "2.$min_minor or newer 2.x (its sources are written for 2.7; older libtorch lacks ops it calls)"
  fi
  if ((minor > tested_minor)); then
    note "libtorch $torch_version is newer than any tested here (2.$tested_minor): the build may" \
      "need another patch (docker/gpu/README.md)"
  fi
}

detect_flavor() {
  local cuda_version="$1"
  if [[ -n "$flavor" ]]; then
    [[ "$flavor" =~ ^(cpu|cu[0-9]{3})(-precxx11)?$ ]] || die "--flavor $flavor: expected cpu or cuNNN (cu130)"
  elif [[ -f "$torch_lib/libtorch_cuda.so" ]]; then
    if [[ -z "$cuda_version" && -f "$torch_root/build-version" ]]; then
      cuda_version="$(sed -n 's/.*+cu\([0-9]*\)$/\1/p' "$torch_root/build-version")"
      cuda_version="${cuda_version:0:-1}.${cuda_version: -1}"
    fi
    [[ "$cuda_version" =~ ^([0-9]+)\.([0-9]) ]] ||
      die "$torch_lib has CUDA libraries but its CUDA version is unknown: pass --flavor cuNNN"
    flavor="cu${BASH_REMATCH[1]}${BASH_REMATCH[2]}"
  else
    flavor=cpu
  fi
  use_cuda=0 cuda_include="" cudart=""
  [[ "$flavor" == cu* ]] || return 0
  # DJL counts GPUs through libcudart (JNA), and USE_CUDA code calls it: the one beside torch.
  cudart="$(find "$torch_root/.." /usr/local/cuda/lib64 -name 'libcudart.so*' 2>/dev/null |
    head -n 1 || true)"
  if [[ -f "$torch_lib/libc10_cuda.so" ]] && ((cuda_extras)); then
    local dir nvcc
    nvcc="$(command -v nvcc || true)"
    for dir in "${CUDA_HOME:-}/include" "${nvcc:+$(dirname "$nvcc")/../include}" \
      /usr/local/cuda/include; do
      if [[ -f "$dir/cuda_runtime_api.h" && -f "$dir/cublas_v2.h" ]]; then
        cuda_include="$(cd "$dir" && pwd)"
        break
      fi
    done
    if [[ -n "$cuda_include" && -n "$cudart" ]]; then
      use_cuda=1
    else
      note "no CUDA toolkit headers (cuda_runtime_api.h, cublas_v2.h under CUDA_HOME, nvcc or" \
        "/usr/local/cuda) or no libcudart: building without USE_CUDA (DJL's separate inference" \
        "stream and emptyCache do nothing; everything else runs on the GPU)"
    fi
  fi
}

# Sets engine_jar and djl_version.
resolve_engine() {
  if [[ -z "$engine_jar" ]]; then
    local pom_version
    pom_version="$(sed -n 's:.*<djl.version>\(.*\)</djl.version>.*:\1:p' "$root/pom.xml" | head -n 1)"
    local candidate
    for candidate in "$root"/target/gpu-runtime/lib/pytorch-engine-*.jar \
      $(find "$root" -path '*/target/lib/pytorch-engine-*.jar' 2>/dev/null || true) \
      "$HOME/.m2/repository/ai/djl/pytorch/pytorch-engine/$pom_version/pytorch-engine-$pom_version.jar"; do
      if [[ -f "$candidate" ]]; then
        engine_jar="$candidate"
        break
      fi
    done
    [[ -n "$engine_jar" ]] || die "DJL's pytorch-engine jar is not built yet: run" \
      "'./mvnw -q -DskipTests package' (or pass --engine-jar JAR)"
  fi
  [[ -f "$engine_jar" ]] || die "--engine-jar $engine_jar: no such file"
  djl_version="$(zip_cat "$engine_jar" pytorch-engine.properties | sed -n 's/^djl_version=//p' | tr -d '\r')"
  [[ -n "$djl_version" ]] || die "$engine_jar has no djl_version in pytorch-engine.properties"
  djl_version_hint="$djl_version"
}

zip_cat() {
  if command -v unzip >/dev/null; then
    unzip -p "$1" "$2"
  else
    "${PYTHON:-python3}" -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())' "$1" "$2"
  fi
}

# Sets native_dir, utils_dir and library_java.
resolve_djl_sources() {
  if [[ "$djl_src" == git ]]; then
    command -v git >/dev/null || die "--djl-src git: git is not installed"
    local clone
    clone="$(mktemp -d "${TMPDIR:-/tmp}/tunebook-djl.XXXXXX")"
    note "cloning DJL v$djl_version (sparse) into $clone"
    git clone -q --depth 1 --branch "v$djl_version" --filter=blob:none --sparse \
      "${DJL_GIT:-https://github.com/deepjavalibrary/djl.git}" "$clone" ||
      die "--djl-src git: cloning DJL v$djl_version failed (no network? pass --djl-src DIR)"
    git -C "$clone" sparse-checkout set engines/pytorch api/src/main/native
    djl_src="$clone"
  fi
  [[ -d "$djl_src" ]] || die "--djl-src $djl_src: no such directory"
  djl_src="$(cd "$djl_src" && pwd)"
  native_dir="$djl_src/engines/pytorch/pytorch-native/src/main/native"
  utils_dir="$djl_src/api/src/main/native"
  library_java="$djl_src/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
  [[ -f "$native_dir/ai_djl_pytorch_jni_PyTorchLibrary_tensor.cc" ]] ||
    die "--djl-src $djl_src: engines/pytorch/pytorch-native/src/main/native/*.cc is missing"
  [[ -f "$utils_dir/djl/utils.h" ]] ||
    die "--djl-src $djl_src: api/src/main/native/djl/utils.h is missing (archive api/src/main/native too)"
}

# Sets jni_dir: a folder with jni.h, linux/jni_md.h and ai_djl_pytorch_jni_PyTorchLibrary.h that
# match the engine jar.
resolve_jni_headers() {
  local javac header_dir
  javac="$(command -v "${JAVA_HOME:+$JAVA_HOME/bin/}javac" || true)"
  # The headers are copied into the build folder (times kept), so that a reused --build-dir
  # sees the same include paths and recompiles nothing.
  jni_dir="$build_dir/jni"
  mkdir -p "$jni_dir"
  if [[ -z "$jni_include" && -z "$javac" && -f "$root/target/gpu-runtime/jni/jni.h" ]]; then
    jni_include="$root/target/gpu-runtime/jni"
  fi
  if [[ -n "$jni_include" ]]; then
    [[ -d "$jni_include" ]] || die "--jni-include $jni_include: no such directory"
    cp -rp "$jni_include"/. "$jni_dir/"
  elif [[ -n "$javac" ]]; then
    local jdk_include
    jdk_include="$(dirname "$(readlink -f "$javac")")/../include"
    [[ -f "$jdk_include/jni.h" ]] || die "$javac has no include/jni.h beside it: install a full JDK"
    cp -rp "$jdk_include"/. "$jni_dir/"
    generate_header "$javac" "$jni_dir"
  else
    die "no JDK here (javac, with include/jni.h) and no --jni-include DIR: build one with" \
      "'./tunebook gpu-runtime' where a JDK is and bring target/gpu-runtime along"
  fi
  [[ -f "$jni_dir/jni.h" ]] || die "$jni_dir has no jni.h"
  [[ -f "$jni_dir/jni_md.h" || -f "$jni_dir/linux/jni_md.h" ]] || die "$jni_dir has no jni_md.h"
  header_dir="$jni_dir/ai_djl_pytorch_jni_PyTorchLibrary.h"
  [[ -f "$header_dir" ]] || die "$jni_dir has no ai_djl_pytorch_jni_PyTorchLibrary.h"
  check_header_matches_sources "$header_dir"
}

# Generates the JNI header from DJL's PyTorchLibrary.java into $2, after checking that its native
# methods are the engine jar's: sources of another DJL version build a library that fails later.
generate_header() {
  local javac="$1" dir="$2" javap
  javap="$(dirname "$javac")/javap"
  "$javac" -h "$dir/generated" -d "$dir/classes" "$library_java" ||
    die "javac -h failed on $library_java"
  # Replaced only when it changed, so that a reused build folder is not recompiled for nothing.
  local header=ai_djl_pytorch_jni_PyTorchLibrary.h
  cmp -s "$dir/generated/$header" "$dir/$header" || cp "$dir/generated/$header" "$dir/"
  if ! diff <("$javap" -p -cp "$dir/classes" ai.djl.pytorch.jni.PyTorchLibrary | grep ' native ' | sort) \
    <("$javap" -p -cp "$engine_jar" ai.djl.pytorch.jni.PyTorchLibrary | grep ' native ' | sort) \
    >"$dir/native-methods.diff"; then
    die "the DJL sources in $djl_src are not those of $engine_jar (DJL $djl_version): their" \
      "native methods differ ($dir/native-methods.diff); use the sources at tag v$djl_version"
  fi
  rm -rf "$dir/classes" "$dir/generated"
}

# Every JNI function the header declares must be defined by the sources (they may define more).
check_header_matches_sources() {
  local declared defined missing
  declared="$(grep -o 'Java_ai_djl_pytorch_jni_PyTorchLibrary_[A-Za-z0-9_]*' "$1" | sort -u)"
  defined="$(cat "$native_dir"/*.cc | grep -o 'Java_ai_djl_pytorch_jni_PyTorchLibrary_[A-Za-z0-9_]*' | sort -u)"
  missing="$(comm -23 <(echo "$declared") <(echo "$defined") | head -n 5 | tr '\n' ' ')"
  [[ -z "$missing" ]] || die "the JNI header $1 and the sources in $native_dir disagree:" \
    "the sources lack $missing: they come from different DJL versions; use the sources at tag v$djl_version"
}
