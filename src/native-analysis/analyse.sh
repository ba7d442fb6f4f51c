#!/usr/bin/env bash
# Runs GraalVM's image builder on target/native-sources, through points-to analysis and (by
# default) compilation, and fails on any builder error. Called by `./mvnw verify -Pnative-analysis`
# after Quarkus has written the native sources; see README.md beside this file.
#
# Everything it prepares goes under target/native-analysis/ (so `mvn clean` removes it) and is
# reused by the next run:
#   jars/      the builder's jars from Maven Central (builder.pom.xml)
#   jdk/       a copy of the Temurin 25 JDK, plus what a GraalVM distribution would add to it:
#              lib/svm/builder/lib/libreporterchelper.so and lib/svm/clibraries/linux-amd64/include
#   build.log  the builder's output; time.txt its wall time and peak memory
#
# Settings (environment):
#   NATIVE_ANALYSIS_JDK         JDK 25 with JVMCI to run the builder on (default: Temurin 25)
#   NATIVE_ANALYSIS_STOP_AFTER  analysis | compilation (default: compilation)
#   NATIVE_ANALYSIS_HEAP        the builder's -Xmx (default: 14g)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/src/native-analysis"
sources="$root/target/native-sources"
work="$root/target/native-analysis"
source_jdk="${NATIVE_ANALYSIS_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
stop_after="${NATIVE_ANALYSIS_STOP_AFTER:-compilation}"
heap="${NATIVE_ANALYSIS_HEAP:-14g}"
maven="${MAVEN_CMD:-$root/mvnw}"

fail() { echo "native-analysis: $*" >&2; exit 1; }
step() { echo "native-analysis: $*"; }

[[ -f "$sources/native-image.args" ]] || fail "no $sources/native-image.args: run through './mvnw verify -Pnative-analysis'"
grep -q '^JAVA_VERSION="25' "$source_jdk/release" 2>/dev/null \
  || fail "$source_jdk is not a JDK 25 (set NATIVE_ANALYSIS_JDK): the builder 25.0.1 runs on JDK 25 only"
[[ -d "$source_jdk/jmods" || -f "$source_jdk/lib/modules" ]] || fail "$source_jdk has no modules image"
command -v gcc >/dev/null || fail "gcc is needed (the builder compiles C probes, and we build its JNI helper)"
mkdir -p "$work"

# 1. The builder's jars, with their dependencies, from Maven Central.
if [[ ! -f "$work/jars/.complete" ]]; then
  step "fetching the GraalVM builder jars"
  rm -rf "$work/jars"
  "$maven" -B -q -f "$here/builder.pom.xml" ${MAVEN_REPO_LOCAL:+-Dmaven.repo.local="$MAVEN_REPO_LOCAL"} \
    dependency:copy-dependencies -DoutputDirectory="$work/jars"
  touch "$work/jars/.complete"
fi
builder_jars=("$work"/jars/*.jar)
compiler_jar="$(ls "$work"/jars/compiler-*.jar)"
module_path="$(printf '%s\n' "${builder_jars[@]}" | grep -v '/compiler-' | paste -sd:)"

# 2. A JDK the builder can treat as its java.home: it looks for its helper library and the C
#    headers it compiles probes against there.
jdk="$work/jdk"
if [[ ! -f "$jdk/.complete" ]]; then
  step "copying $source_jdk to $jdk"
  rm -rf "$jdk"
  cp -a "$source_jdk" "$jdk"
  mkdir -p "$jdk/lib/svm/builder/lib" "$jdk/lib/svm/clibraries/linux-amd64/include"
  gcc -O2 -shared -fPIC -I"$jdk/include" -I"$jdk/include/linux" \
    -o "$jdk/lib/svm/builder/lib/libreporterchelper.so" "$here/progress_reporter.c"
  cp "$here"/include/*.h "$jdk/lib/svm/clibraries/linux-amd64/include/"
  touch "$jdk/.complete"
fi

# 3. What the native-image driver would pass to the builder.
step "translating target/native-sources/native-image.args"
rm -rf "$work/output" "$work/tmp"
mkdir -p "$work/output" "$work/tmp"
"$jdk/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI \
  --upgrade-module-path "$compiler_jar" --module-path "$module_path" \
  --add-modules=ALL-DEFAULT,org.graalvm.nativeimage.builder -Dbuilder.heap="$heap" \
  "$here/BuilderCommand.java" "$sources" "$jdk" "$work" "$stop_after" "${builder_jars[@]}"

# 4. The builder, in the environment the driver gives it (JVM-affecting variables removed).
step "running the image builder through $stop_after (this takes minutes)"
timer=()
if [[ -x /usr/bin/time ]]; then
  timer=(/usr/bin/time -o "$work/time.txt" -f 'wall %e s, peak RSS %M KiB, exit %x')
fi
status=0
(
  cd "$work/output"
  exec env -u JAVA_TOOL_OPTIONS -u _JAVA_OPTIONS -u JDK_JAVA_OPTIONS -u CLASSPATH \
    USE_NATIVE_IMAGE_JAVA_PLATFORM_MODULE_SYSTEM=true \
    "${timer[@]}" "$jdk/bin/java" @"$work/builder-jvm.args" \
    --module org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner \
    --image-args-file="$work/builder.args"
) 2>&1 | tee "$work/build.log" || status=$?
[[ -f "$work/time.txt" ]] && step "builder: $(tail -1 "$work/time.txt")"

# 5. The verdict: the builder's exit status, and no error in its output.
if [[ $status -ne 0 ]]; then
  fail "the image builder failed (exit $status); see $work/build.log"
fi
if grep -E -q '^(Error|Fatal error)[: ]' "$work/build.log"; then
  fail "the image builder reported an error; see $work/build.log"
fi
case "$stop_after" in
  analysis) grep -q 'Performing analysis' "$work/build.log" || fail "the builder did not reach analysis" ;;
  compilation) compgen -G "$work/tmp/*/*.o" >/dev/null || compgen -G "$work/output/*.o" >/dev/null \
                 || fail "the builder wrote no relocatable object file" ;;
esac
step "passed: no builder error through $stop_after"
