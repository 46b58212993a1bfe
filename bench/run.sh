#!/usr/bin/env bash
# The feed service's benchmark: see docs/benchmark.md. Not part of the test command.
#   bench/run.sh --smoke     # about two minutes: checks the harness, measures nothing
#   bench/run.sh --quick     # 20 minutes on 2 cores before phase 15 (replay at 10x) was added; longer now
#   bench/run.sh             # default sizes: hours
#   bench/run.sh --targets   # prints the targets table and exits
# Needs a JDK 17+ and the PostgreSQL JDBC driver in ~/.m2 (fetched through the Maven wrapper if missing).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
target=bench/target

# The JDBC driver version that the project's Spring Boot manages.
boot=$(sed -n '/<parent>/,/<\/parent>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
bom="$HOME/.m2/repository/org/springframework/boot/spring-boot-dependencies/$boot/spring-boot-dependencies-$boot.pom"
pg=$( [ -f "$bom" ] && sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' "$bom" | head -1 || true)
pg=${pg:-42.7.11}
driver="$HOME/.m2/repository/org/postgresql/postgresql/$pg/postgresql-$pg.jar"
if [ ! -f "$driver" ]; then
  mkdir -p "$target"
  ./mvnw -q dependency:copy -Dartifact="org.postgresql:postgresql:$pg" -DoutputDirectory="$target"
  driver="$target/postgresql-$pg.jar"
fi

# The harness: plain JDK plus the driver.
rm -rf "$target/classes"
mkdir -p "$target/classes"
javac --release 17 -encoding UTF-8 -cp "$driver" -d "$target/classes" $(find bench/src -name '*.java')
for a in "$@"; do
  if [ "$a" = "--targets" ]; then exec java -cp "$target/classes" bench.Bench --targets; fi
done

# The service jar, built if missing, then copied so that a rebuild during the run cannot change it underneath.
jar=feed-api/target/feed-api-0.1.0-SNAPSHOT.jar
args=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--jar" ]; then jar=$2; shift 2; else args+=("$1"); shift; fi
done
if [ ! -f "$jar" ]; then
  ./mvnw -o -q install -DskipTests
fi
cp "$jar" "$target/feed-api.jar"

# The like-for-like peer (bench/peer): its own Maven project, built here and never by ./mvnw verify.
./mvnw -q -f bench/peer/pom.xml -DskipTests package
cp bench/peer/target/feed-peer.jar "$target/feed-peer.jar"

export BENCH_GIT="${BENCH_GIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo '+dirty')}"
exec java -Xmx2g -cp "$target/classes:$driver" bench.Bench --jar "$target/feed-api.jar" --peer-jar "$target/feed-peer.jar" \
  --results "$root/bench/results" --markdown "$root/docs/benchmark-results.md" ${args[@]+"${args[@]}"}
