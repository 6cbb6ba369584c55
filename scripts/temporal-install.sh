#!/usr/bin/env bash
# Obtains the two real Temporal servers the product and its tests run on, built from their registries
# (nothing else is reachable from the project's machines), pinned and cached outside the repository:
#   - the Temporal CLI (`temporal server start-dev`: the dev server with SQLite and the Web UI), a Go module;
#   - Temporal's time-skipping test server (Java, io.temporal:temporal-test-server) and a launcher
#     that @temporalio/testing's createTimeSkipping() starts (the SDK passes the port as $1).
# Idempotent: with warm caches it checks the two files and exits in about a second.
# Prints the two paths as `TEMPORAL_BINARY=...` and `TEMPORAL_TEST_SERVER=...` on its last two lines.
# `--locate` builds nothing: it prints the lines of those already built (the product and the tests find them so).
set -euo pipefail
locate=0
[ "${1:-}" = "--locate" ] && locate=1

TEMPORAL_CLI_VERSION="1.5.1"        # newest tag whose go.mod has no `replace` (go install pkg@version works)
TEST_SERVER_VERSION="1.38.0"        # io.temporal:temporal-test-server on Maven Central
SLF4J_VERSION="1.7.36"              # the slf4j-api the test server depends on; slf4j-nop silences it
here="$(cd "$(dirname "$0")" && pwd)"

cache="${JMEG_TEMPORAL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jmeg/temporal}"
cli_dir="$cache/cli-$TEMPORAL_CLI_VERSION"
ts_dir="$cache/test-server-$TEST_SERVER_VERSION"
# The folder is named after what goes into it: a change of the launcher or of the pinned versions makes a new one.
launcher_sum=$( (cat "$here/test-server/JmegTestServer.java"; echo "$SLF4J_VERSION") | sha256sum | cut -c1-12)
ts_dir="$ts_dir-$launcher_sum"

if [ "$locate" = 1 ]; then
  [ -x "$cli_dir/temporal" ] && echo "TEMPORAL_BINARY=$cli_dir/temporal"
  [ -x "$ts_dir/test-server" ] && echo "TEMPORAL_TEST_SERVER=$ts_dir/test-server"
  exit 0
fi
mkdir -p "$cache"

say() { echo "temporal:install: $*" >&2; }

# --- The Temporal CLI (dev server) -------------------------------------------------------------------
if [ ! -x "$cli_dir/temporal" ]; then
  command -v go >/dev/null || { say "Go is needed to build the Temporal CLI (go install); install Go 1.22+"; exit 1; }
  say "building the Temporal CLI $TEMPORAL_CLI_VERSION from its Go module (minutes on a cold cache)"
  started=$(date +%s)
  mkdir -p "$cli_dir.tmp"
  GOBIN="$cli_dir.tmp" GOFLAGS="-trimpath" CGO_ENABLED=0 \
    go install "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION"
  rm -rf "$cli_dir" && mv "$cli_dir.tmp" "$cli_dir"
  say "Temporal CLI built in $(( $(date +%s) - started )) s"
fi

# --- The time-skipping test server ---------------------------------------------------------------------
if [ ! -x "$ts_dir/test-server" ] || [ ! -d "$ts_dir/lib" ]; then
  command -v mvn >/dev/null || { say "Maven is needed to fetch Temporal's test server; install maven and a JDK 11+"; exit 1; }
  say "fetching io.temporal:temporal-test-server:$TEST_SERVER_VERSION and its dependencies from Maven Central"
  started=$(date +%s)
  rm -rf "$ts_dir.tmp" && mkdir -p "$ts_dir.tmp"
  cat >"$ts_dir.tmp/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>jmeg.local</groupId>
  <artifactId>temporal-test-server-launcher</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>$TEST_SERVER_VERSION</version>
    </dependency>
    <dependency>
      <!-- the server logs through SLF4J 1.7; without a binding it prints three warning lines at every start -->
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-nop</artifactId>
      <version>$SLF4J_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
  (cd "$ts_dir.tmp" && mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime)
  # Our launcher (scripts/test-server/JmegTestServer.java) adds --start=ISO-INSTANT to Temporal's own main class.
  mkdir -p "$ts_dir.tmp/classes"
  javac -d "$ts_dir.tmp/classes" -cp "$ts_dir.tmp/lib/*" "$here/test-server/JmegTestServer.java"
  cat >"$ts_dir.tmp/test-server" <<'LAUNCH'
#!/usr/bin/env sh
# Temporal's time-skipping test server; @temporalio/testing passes the port as the first argument, then extraArgs
# (--start=ISO-INSTANT sets the server's clock at start). Started without --enable-time-skipping, time skipping
# is locked at start, as the SDK expects: it unlocks it itself while a test sleeps or waits for a result (with the
# flag, the SDK's first env.sleep() skips twice as far and the server logs "Unbalanced lock and unlock calls").
here="$(cd "$(dirname "$0")" && pwd)"
port="$1"; shift
exec java -Xss1m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$here/classes:$here/lib/*" JmegTestServer "$port" "$@"
LAUNCH
  chmod +x "$ts_dir.tmp/test-server"
  rm -rf "$ts_dir" && mv "$ts_dir.tmp" "$ts_dir"
  say "test server fetched in $(( $(date +%s) - started )) s"
fi

echo "TEMPORAL_BINARY=$cli_dir/temporal"
echo "TEMPORAL_TEST_SERVER=$ts_dir/test-server"
