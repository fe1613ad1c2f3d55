#!/usr/bin/env bash
# tunebook gpu-runtime: writes target/gpu-runtime/ (and target/gpu-runtime.tar.gz), a Java runtime
# for hosts without Java: a jlink'd JRE, the fine-tuning library's runtime jars without DJL's CPU
# libtorch and its 2.7.1 JNI, the test classes and JUnit's console launcher for the parity tests,
# the fixtures they read, the JNI headers (jni.h and the one javac -h makes from DJL's
# PyTorchLibrary.java) and DJL's native sources, so that tunebook jni can build there.
#   tunebook gpu-runtime --djl-src DIR [--fixtures DIR]
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/target/gpu-runtime"
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
fixtures="${TUNEBOOK_FIXTURES:-$root/../shared/fixtures}"
djl_src=""
die() {
  echo "tunebook gpu-runtime: $*" >&2
  exit 2
}
while (($#)); do
  case "$1" in
    --djl-src) djl_src="${2:?--djl-src needs a DIR}" && shift 2 ;;
    --fixtures) fixtures="${2:?--fixtures needs a DIR}" && shift 2 ;;
    -h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
    *) die "unknown option '$1' (tunebook gpu-runtime --help)" ;;
  esac
done
[[ -n "$djl_src" ]] || die "--djl-src DIR is required: DJL's sources at the engine's tag" \
  "(git archive v0.36.0 engines/pytorch api/src/main/native), which the GPU host cannot fetch"
[[ -x "$jdk/bin/jlink" && -d "$jdk/jmods" ]] || die "$jdk has no jlink or jmods: set JAVA_HOME" \
  "to a full JDK 17+ (Debian: openjdk-17-jdk-headless ships jmods)"
for sub in models adapters training; do
  [[ -d "$fixtures/$sub" ]] || die "fixtures folder $fixtures/$sub is missing (--fixtures DIR)"
done

echo "tunebook gpu-runtime: building the library and its test classes" >&2
# shellcheck disable=SC2086 # TUNEBOOK_MVN_ARGS holds several options, as for ./tunebook.
(cd "$root" && ./mvnw -q ${TUNEBOOK_MVN_ARGS:-} -DskipTests -Dspotless.check.skip package \
  dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.12.2 \
  -DoutputDirectory="$out.tmp/junit" -Dmdep.overWriteReleases=true) >&2
lib="$(find "$root" -path '*/target/lib/pytorch-engine-*.jar' -printf '%h\n' | head -n 1)"
[[ -n "$lib" ]] || die "the build left no target/lib with the pytorch-engine jar"
module="$(dirname "$(dirname "$lib")")"

rm -rf "$out" "$out.tar.gz"
mkdir -p "$out/lib" "$out/jni/linux" "$out/fixtures"
mv "$out.tmp/junit"/*.jar "$out/" && rm -rf "$out.tmp"
# Left out: DJL's CPU libtorch 2.7.1 (107 MB) and its JNI, which the GPU host replaces; the ONNX
# MiniLM (86 MB), for which the GPU bench writes random weights of the same shape; and the
# jars only tables, charts, chat templates and %maven load (fastutil, icu4j, pdfbox, ...).
leave_out='^(pytorch-native-|pytorch-jni-|langchain4j-|fastutil-|icu4j-|pdfbox|fontbox-|graphics2d-|xchart-|VectorGraphics2D-|animated-gif-|tablesaw-|RoaringBitmap-|univocity-|commons-math3-|maven-|plexus-|httpclient-|httpcore-|commons-net-|big-math-)'
for jar in "$lib"/*.jar; do
  if ! basename "$jar" | grep -Eq "$leave_out"; then
    cp "$jar" "$out/lib/"
  fi
done
cp "$module"/target/tunebook-*.jar "$out/lib/" 2>/dev/null || true
rm -f "$out"/lib/*-sources.jar "$out"/lib/*-tests.jar
n=0
while read -r classes; do
  n=$((n + 1))
  (cd "$classes" && "$jdk/bin/jar" cf "$out/lib/tunebook-tests-$n.jar" .)
done < <(find "$root/magics" -type d -path '*/target/test-classes')
# The tokenizers jar carries its native library for four platforms; keep Linux x86-64's.
for jar in "$out"/lib/tokenizers-*.jar; do
  python3 - "$jar" <<'EOF'
import shutil, sys, zipfile
src = sys.argv[1]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(src + ".tmp", "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        if item.filename.startswith("native/lib/") and "/linux-x86_64/" not in item.filename \
                and not item.filename.endswith(".properties") and not item.is_dir():
            continue
        zout.writestr(item, zin.read(item.filename))
shutil.move(src + ".tmp", src)
EOF
done

modules=java.base,java.logging,java.management,jdk.management,java.xml,java.naming,java.sql,jdk.unsupported,jdk.zipfs
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$out/jre"
strip --strip-unneeded "$out/jre/lib/server/libjvm.so" 2>/dev/null || true

cp "$jdk/include/jni.h" "$out/jni/" && cp "$jdk/include/linux/jni_md.h" "$out/jni/linux/"
library_java="$djl_src/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
[[ -f "$library_java" ]] || die "--djl-src $djl_src: $library_java is missing"
"$jdk/bin/javac" -h "$out/jni" -d "$out/jni/classes" "$library_java"
rm -rf "$out/jni/classes"
mkdir -p "$out/djl-src/engines/pytorch/pytorch-native/src/main" "$out/djl-src/api/src/main"
cp -rp "$djl_src/engines/pytorch/pytorch-native/src/main/native" \
  "$out/djl-src/engines/pytorch/pytorch-native/src/main/"
cp -rp "$djl_src/api/src/main/native" "$out/djl-src/api/src/main/"
for sub in models adapters training; do
  cp -r "$fixtures/$sub" "$out/fixtures/"
done

tar -C "$root/target" -czf "$out.tar.gz" gpu-runtime
echo "tunebook gpu-runtime: $out ($(du -sh "$out" | cut -f1)), $out.tar.gz ($(du -sh "$out.tar.gz" | cut -f1))"
echo "  jre $(du -sh "$out/jre" | cut -f1), jars $(du -sh "$out/lib" | cut -f1), fixtures $(du -sh "$out/fixtures" | cut -f1)"
