#!/usr/bin/env bash
# Regenerates every fixture in this folder with the real logging libraries: installs them
# (Debian 12 packages with apt-get, npm packages into a scratch folder outside the repository),
# runs each generate.* program, writes LIBRARY/output.jsonl and records the versions in VERSIONS.
# usage: tests/loggers/regenerate.sh [--no-install] [LIBRARY...]
# SCRATCH (default /tmp/logmoji-loggers) holds node_modules, the Go cache, the Java classes and
# the Rust project. The tests never run this: they read the committed output.jsonl files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
scratch=${SCRATCH:-/tmp/logmoji-loggers}
install=1
if [ "${1:-}" = --no-install ]; then install=0; shift; fi

debs=(python3-structlog python3-loguru python3-pythonjsonlogger golang-go golang-go.uber-zap-dev
  golang-github-rs-zerolog-dev golang-github-sirupsen-logrus-dev golang-github-pkg-errors-dev
  default-jdk-headless liblogback-java liblogstash-logback-encoder-java liblog4j2-java
  librust-tracing-subscriber-dev cargo nodejs npm php-cli php-monolog)
npms=(pino bunyan winston log4js tslog bole @elastic/ecs-pino-format @elastic/ecs-winston-format)
mkdir -p "$scratch"
if [ $install = 1 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${debs[@]}"
  (cd "$scratch" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install "${npms[@]}")
fi

# The Debian interpreter: the packages are installed for it, not for a python3 earlier in PATH.
py=/usr/bin/python3
java_cp=$(printf '/usr/share/java/%s.jar:' slf4j-api logback-classic logback-core \
  logstash-logback-encoder jackson-core jackson-databind jackson-annotations)

run_node() { NODE_PATH=$scratch/node_modules node generate.js; }
run_python() { "$py" generate.py; }
# Debian's Go packages live in a GOPATH; no module proxy is needed or used. zap's Fatal ends
# the program with status 1, as documented.
run_go() {
  GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS='' GOCACHE=$scratch/go-cache go build -o "$scratch/go-fixture" generate.go
  "$scratch/go-fixture" || [ $? = 1 ]
}
run_java() {
  javac -d "$scratch/java" -cp "$java_cp" Generate.java
  java -Dlogback.configurationFile=logback.xml -cp "$scratch/java:$java_cp" Generate
}
# log4j2's folders share ../log4j2/Generate.java; each has its own log4j2.xml (the layout's options).
log4j2_cp=$(printf '/usr/share/java/%s.jar:' log4j-api log4j-core jackson-core jackson-databind jackson-annotations)
run_log4j2() {
  javac -d "$scratch/java-log4j2" -cp "$log4j2_cp" "$here/log4j2/Generate.java"
  java -Dlog4j2.configurationFile=log4j2.xml -cp "$scratch/java-log4j2:$log4j2_cp" Generate
}
run_php() { php generate.php; }
# Cargo builds offline against the crates Debian installs in /usr/share/cargo/registry.
run_rust() {
  local project=$scratch/rust
  mkdir -p "$project/src" "$project/.cargo"
  cp generate.rs "$project/src/main.rs"
  cp Cargo.toml.in "$project/Cargo.toml"
  printf '[source.crates-io]\nreplace-with = "debian"\n[source.debian]\ndirectory = "/usr/share/cargo/registry"\n[net]\noffline = true\n' \
    >"$project/.cargo/config.toml"
  (cd "$project" && CARGO_HOME=$project/cargo-home cargo build --release -q -j 2)
  "$project/target/release/tracing-fixture"
}

# library | runner | where the version comes from (deb:PACKAGE or npm:PACKAGE)
libraries=(
  "pino|run_node|npm:pino" "bunyan|run_node|npm:bunyan" "winston|run_node|npm:winston"
  "log4js|run_node|npm:log4js" "tslog|run_node|npm:tslog" "bole|run_node|npm:bole"
  "ecs-pino|run_node|npm:@elastic/ecs-pino-format" "ecs-winston|run_node|npm:@elastic/ecs-winston-format"
  "python-json-logger|run_python|deb:python3-pythonjsonlogger" "structlog|run_python|deb:python3-structlog"
  "structlog-exc-info|run_python|deb:python3-structlog" "loguru|run_python|deb:python3-loguru"
  "zap|run_go|deb:golang-go.uber-zap-dev" "zerolog|run_go|deb:golang-github-rs-zerolog-dev"
  "logrus|run_go|deb:golang-github-sirupsen-logrus-dev" "logback|run_java|deb:liblogstash-logback-encoder-java"
  "tracing-subscriber|run_rust|deb:librust-tracing-subscriber-dev"
  "log4j2|run_log4j2|deb:liblog4j2-java" "log4j2-time-millis|run_log4j2|deb:liblog4j2-java"
  "monolog|run_php|deb:php-monolog"
)

version_of() {
  case $1 in
    npm:*) node -p "require('$scratch/node_modules/${1#npm:}/package.json').version" ;;
    deb:*) dpkg-query -W -f='${Version}' "${1#deb:}" ;;
  esac
}

today=$(date -u +%Y-%m-%d)
for entry in "${libraries[@]}"; do
  IFS='|' read -r name runner source <<<"$entry"
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  echo "generating $name" >&2
  (cd "$here/$name" && "$runner") >"$here/$name/output.jsonl"
  version=$(version_of "$source")
  line="$name $version ${source%%:*}:${source#*:} $today"
  # One line per library: replace the old one, keep the file sorted.
  { grep -v "^$name " "$here/VERSIONS" 2>/dev/null | grep -v '^#' || true; echo "$line"; } |
    LC_ALL=C sort >"$here/VERSIONS.new"
  { echo "# library version source generated (see README.md)"; cat "$here/VERSIONS.new"; } >"$here/VERSIONS"
  rm -f "$here/VERSIONS.new"
done
