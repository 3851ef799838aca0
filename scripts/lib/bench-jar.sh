# Sourced by the benchmark scripts (from the repository root): builds target/lamplight.jar and the
# benchmarks' own target/lamplight-bench.jar (`mvn -Pbench`) when either is missing or older than the
# sources, and leaves their paths in $jar and $bench_jar. The bench jar's manifest holds its class
# path (lamplight.jar, lib/, bench-lib/): `java -cp "$bench_jar" CLASS` runs any benchmark.
jar=target/lamplight.jar
bench_jar=target/lamplight-bench.jar
# Checked once per run: scripts/bench runs scripts/bench-nearest, and a rebuild there (a source edited
# since the run began) would replace the jar the running benchmark still loads its classes from.
if [[ -z ${LAMPLIGHT_BENCH_JARS_CHECKED:-} ]] \
    && [[ ! -f $jar || ! -f $bench_jar || -n "$(find src pom.xml -newer "$bench_jar" -print -quit)" ]]; then
  echo "building Lamplight and its benchmarks (first build downloads dependencies)..."
  mvn -B -q -Pbench -DskipTests package
fi
export LAMPLIGHT_BENCH_JARS_CHECKED=1
