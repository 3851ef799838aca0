# Sourced by the scripts that run target/lamplight.jar (from the repository root): builds it when it
# is missing or older than the sources, and leaves its path in $jar.
jar=target/lamplight.jar
if [[ ! -f $jar || -n "$(find src pom.xml -newer "$jar" -print -quit)" ]]; then
  echo "building Lamplight (first build downloads dependencies)..."
  mvn -B -q -DskipTests package
fi
