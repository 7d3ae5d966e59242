#!/usr/bin/env bash
# bench/serve/run.sh: tagfeed's HTTP serving measured beside nginx serving
# the same bytes. See bench/serve/README.md.
#
#   bench/serve/run.sh [--1m] [--rounds N] [--duration 10s] [--src DIR] [--work DIR] [--reuse] [--keep]
#
#   --1m          also fill 1,000,000 items and time the cold render there (slow: minutes)
#   --rounds N    run every wrk pair N times, interleaved (default 2)
#   --duration D  length of one wrk run (default 10s)
#   --src DIR     build from this source tree instead of the repository, with this
#                 repository's bench/serve laid over a copy of it (a tree in the middle
#                 of an edit can be benchmarked at its last commit: git archive HEAD)
#   --work DIR    keep databases, logs and wrk outputs in DIR (default: a temporary folder)
#   --reuse       with --work, reuse the filled databases found there
#   --keep        keep the temporary folder
#   --only LIST   run only these scenarios, comma-separated: shipped,100k,1m
#   --quiet-wait S before each wrk run, wait up to S seconds (default 60) for the
#                 machine's other processes to use less than 0.15 of a core; 0 skips
#
# Environment: TF_PORT (default 18480) and NGINX_PORT (18481), on 127.0.0.1.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
src=$repo
work=
keep=0
reuse=0
rounds=2
duration=10s
million=0
only=
quiet_wait=60
tf_port=${TF_PORT:-18480}
ngx_port=${NGINX_PORT:-18481}
threads=2
conns=64
# A search that is a topic phrase of the fill's vocabulary: "bán dẫn".
search_q='b%C3%A1n%20d%E1%BA%ABn'

while [ $# -gt 0 ]; do
	case $1 in
	--1m) million=1 ;;
	--rounds) rounds=$2; shift ;;
	--duration) duration=$2; shift ;;
	--src) src=$(cd "$2" && pwd); shift ;;
	--work) work=$2; shift ;;
	--reuse) reuse=1 ;;
	--keep) keep=1 ;;
	--only) only=$2; shift ;;
	--quiet-wait) quiet_wait=$2; shift ;;
	-h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
	*) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done
if [ -z "$only" ]; then
	only=shipped,100k
	[ "$million" = 0 ] || only=$only,1m
fi
wanted() { [[ ",$only," == *",$1,"* ]]; }

# Tools: wrk and nginx from Debian, curl to fetch the bytes nginx serves.
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
	echo "== installing ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "$work" ]; then
	work=$(mktemp -d /tmp/tagfeed-bench.XXXXXX)
	[ "$keep" = 1 ] || remove_work=1
else
	mkdir -p "$work"
	work=$(cd "$work" && pwd)
fi
cd "$work" # every path below is absolute; nothing lands in the repository

pids=()
cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	if [ "${remove_work:-0}" = 1 ]; then
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$tf_port" "$ngx_port"; do
	port_free "$p" || { echo "run.sh: port $p on 127.0.0.1 is taken: set TF_PORT / NGINX_PORT" >&2; exit 1; }
done

# The server, the fill and measure come from one tree, so that they agree
# on the database's schema and search forms.
build=$src
if [ "$src" != "$repo" ]; then
	build=$work/src
	rm -rf "$build"
	mkdir -p "$build/bench"
	cp -R "$src/." "$build/"
	rm -rf "$build/bench/serve"
	cp -R "$here" "$build/bench/serve"
fi
echo "== building tagfeed, fill and measure from $build"
(cd "$build" && go build -o "$work/tagfeed" ./cmd/tagfeed &&
	go build -o "$work/fill" ./bench/serve/fill && go build -o "$work/measure" ./bench/serve/measure)

# filled_config DB: a config with config.yaml's tags, stories and site
# settings, and no seeds and no feeds, so that the server serves the
# filled items only and touches no network.
filled_config() {
	local cfg=$work/filled.yaml
	{
		echo "database: $1"
		echo "listen: 127.0.0.1:$tf_port"
		grep -E '^(title|language):' "$repo/config.yaml"
		awk '/^[A-Za-z_]+:/ { on = ($0 ~ /^(tags|stories):/) } on' "$repo/config.yaml"
	} >"$cfg"
	echo "$cfg"
}

# fill NAME ITEMS SOURCES: the database of a scenario, filled unless reused.
fill() {
	local dbfile=$work/$1.db
	if [ "$reuse" = 1 ] && [ -f "$dbfile" ]; then
		echo "== reusing $dbfile" >&2
	else
		echo "== filling $dbfile: $2 items from $3 sources" >&2
		"$work/fill" -config "$repo/config.yaml" -db "$dbfile" -items "$2" -sources "$3" -force >&2
	fi
	echo "$dbfile"
}

tf=http://127.0.0.1:$tf_port
ngx=http://127.0.0.1:$ngx_port
tf_pid=
ngx_pid=

# start_tagfeed NAME CONFIG DB: starts the server and waits until it answers.
start_tagfeed() {
	"$work/tagfeed" --config "$2" --db "$3" serve --addr "127.0.0.1:$tf_port" >"$work/$1.serve.log" 2>&1 &
	tf_pid=$!
	pids+=("$tf_pid")
	local i
	for i in $(seq 600); do
		if curl -sf -o /dev/null "$tf/healthz"; then
			return 0
		fi
		kill -0 "$tf_pid" 2>/dev/null || { echo "run.sh: tagfeed exited:" >&2; tail "$work/$1.serve.log" >&2; exit 1; }
		sleep 0.2
	done
	echo "run.sh: tagfeed did not answer in 120 s" >&2
	exit 1
}

stop() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# start_nginx NAME: serves $work/NAME.www on the nginx port.
start_nginx() {
	local dir=$work/$1.nginx
	mkdir -p "$dir/tmp"
	cat >"$dir/nginx.conf" <<EOF
# The smallest setup that serves one static file well: workers for every
# core, no access log, sendfile, keep-alive connections kept open.
user root;
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_timeout 120s;
	keepalive_requests 1000000;
	server_tokens off;
	client_body_temp_path $dir/tmp/body;
	proxy_temp_path $dir/tmp/proxy;
	fastcgi_temp_path $dir/tmp/fastcgi;
	uwsgi_temp_path $dir/tmp/uwsgi;
	scgi_temp_path $dir/tmp/scgi;
	types { }
	default_type "application/atom+xml; charset=utf-8";
	gzip off;        # never compresses on the fly
	gzip_static on;  # sends ai.atom.gz, the bytes tagfeed sends, to clients that accept gzip
	server {
		listen 127.0.0.1:$ngx_port;
		root $work/$1.www;
	}
}
EOF
	"$nginx_bin" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
	ngx_pid=$!
	pids+=("$ngx_pid")
	local i
	for i in $(seq 100); do
		curl -sf -o /dev/null "$ngx/feeds/ai.atom" && return 0
		sleep 0.1
	done
	echo "run.sh: nginx did not answer:" >&2
	cat "$dir/error.log" >&2
	exit 1
}

# to_ms: wrk's latency ("812.00us", "1.23ms", "1.05s") in milliseconds.
to_ms() {
	awk '{ v = $1
		if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v) }
		else if (v ~ /m$/) { sub(/m$/, "", v); v = v * 60000 }
		else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 }
		printf "%.2f", v }'
}

# Results are the run's own; only filled databases are kept for --reuse.
rm -f "$work"/*.measure.txt "$work"/*.wrk "$work"/shipped.db*
results=$work/results.tsv
printf 'scenario\tround\tendpoint\treq/s\tp50_ms\tp99_ms\tcpu_us_per_req\tserver_cores\twrk_cores\tother_cores\tidle_cores\n' >"$results"

# cpu_ticks PID...: the CPU time the processes have used, in clock ticks.
cpu_ticks() {
	local p t=0 u
	for p in "$@"; do
		u=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)
		t=$((t + u))
	done
	echo "$t"
}
clk_tck=$(getconf CLK_TCK)

# machine_ticks: the machine's busy and total CPU ticks, all cores, from /proc/stat.
machine_ticks() {
	awk '$1 == "cpu" { total = 0; for (i = 2; i <= 9; i++) total += $i; print total - $5 - $6, total; exit }' /proc/stat
}

# wait_quiet: waits, up to --quiet-wait seconds, until the machine is
# nearly idle for two seconds (the servers are idle between wrk runs), so
# that wrk does not share the cores with someone else's build.
wait_quiet() {
	local deadline=$((SECONDS + quiet_wait)) m0 m1 busy
	while [ "$quiet_wait" -gt 0 ]; do
		m0=$(machine_ticks)
		sleep 2
		m1=$(machine_ticks)
		busy=$(awk -v m0="$m0" -v m1="$m1" -v ncpu="$(nproc)" 'BEGIN {
			split(m0, a, " "); split(m1, b, " ")
			printf "%.2f", (b[1] - a[1]) / ((b[2] - a[2]) / ncpu) }')
		if awk -v b="$busy" 'BEGIN { exit !(b < 0.15) }'; then
			return 0
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			echo "   (the machine stayed busy: $busy cores used by other processes; running anyway)"
			return 0
		fi
		sleep 3
	done
}

# bench SCENARIO ROUND LABEL URL [wrk args...]: one wrk run, its figures
# appended to the results. Beside req/s and latency it records where the
# machine's CPU went meanwhile: the server's CPU time per request (all its
# processes, from /proc), which is steadier than req/s on a machine busy
# with other work, and the cores used by the server, by wrk and by every
# other process.
bench() {
	local scen=$1 round=$2 label=$3 url=$4
	shift 4
	local out="$work/$scen.r$round.${label// /_}.wrk"
	local server=("$tf_pid")
	if [[ $label == nginx* ]]; then
		mapfile -t server < <(echo "$ngx_pid"; pgrep -P "$ngx_pid")
	fi
	local s0 s1 m0 m1 wrk_ticks
	wait_quiet
	s0=$(cpu_ticks "${server[@]}")
	m0=$(machine_ticks)
	# The subshell's cutime and cstime are wrk's CPU time once it is waited for.
	wrk_ticks=$(
		wrk -t"$threads" -c"$conns" -d"$duration" --latency "$@" "$url" >"$out"
		awk '{ print $16 + $17 }' "/proc/$BASHPID/stat"
	)
	m1=$(machine_ticks)
	s1=$(cpu_ticks "${server[@]}")
	local rps p50 p99 bad n cpu cores
	rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
	p50=$(awk '$1 == "50%" { print $2 }' "$out" | to_ms)
	p99=$(awk '$1 == "99%" { print $2 }' "$out" | to_ms)
	n=$(awk '/requests in/ { print $1 }' "$out")
	cpu=$(awk -v t=$((s1 - s0)) -v n="$n" -v hz="$clk_tck" 'BEGIN { if (n > 0) printf "%.1f", t * 1e6 / hz / n }')
	# Cores used: ticks over the run's wall time in ticks (all cores' ticks / cores).
	cores=$(awk -v m0="$m0" -v m1="$m1" -v s=$((s1 - s0)) -v w="$wrk_ticks" -v ncpu="$(nproc)" 'BEGIN {
		split(m0, a, " "); split(m1, b, " ")
		wall = (b[2] - a[2]) / ncpu; busy = b[1] - a[1]
		if (wall > 0) printf "%.2f\t%.2f\t%.2f\t%.2f", s / wall, w / wall, (busy - s - w) / wall, ncpu - busy / wall }')
	bad=$(grep -E 'Socket errors|Non-2xx' "$out" || true)
	[ -z "$bad" ] || echo "   ($label: $bad)"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scen" "$round" "$label" "$rps" "$p50" "$p99" "$cpu" "$cores" >>"$results"
	printf '   round %s  %-18s %7s req/s  p50 %6s ms  p99 %7s ms  server CPU %5s us/req  cores: %s\n' \
		"$round" "$label" "$rps" "$p50" "$p99" "$cpu" "$(echo "$cores" | awk -F'\t' '{ printf "server %s, wrk %s, others %s, idle %s", $1, $2, $3, $4 }')"
}

# serving NAME CONFIG DB: the wrk runs, then measure.
serving() {
	local name=$1 cfg=$2 dbfile=$3
	echo "== $name: starting tagfeed"
	start_tagfeed "$name" "$cfg" "$dbfile"
	"$work/measure" -url "$tf" -pid "$tf_pid" -first -warm 0 -feeds /feeds/ai.atom | tee -a "$work/$name.measure.txt"

	# The bytes nginx serves: tagfeed's answer, as sent and as gzipped.
	local www=$work/$name.www
	mkdir -p "$www/feeds"
	curl -sf -D "$work/$name.headers" -o "$www/feeds/ai.atom" "$tf/feeds/ai.atom"
	curl -sf -H 'Accept-Encoding: gzip' -D "$work/$name.gz.headers" -o "$www/feeds/ai.atom.gz" "$tf/feeds/ai.atom"
	grep -qi '^content-encoding: gzip' "$work/$name.gz.headers" || { echo "run.sh: tagfeed sent ai.atom ungzipped" >&2; exit 1; }
	local etag
	etag=$(awk 'tolower($1) == "etag:" { sub(/\r$/, "", $2); print $2 }' "$work/$name.headers")
	echo "   /feeds/ai.atom: $(stat -c %s "$www/feeds/ai.atom") bytes, $(stat -c %s "$www/feeds/ai.atom.gz") gzipped, ETag $etag"

	start_nginx "$name"
	cmp -s "$www/feeds/ai.atom" <(curl -sf "$ngx/feeds/ai.atom") || { echo "run.sh: nginx serves other bytes" >&2; exit 1; }
	cmp -s "$www/feeds/ai.atom.gz" <(curl -sf -H 'Accept-Encoding: gzip' "$ngx/feeds/ai.atom") || { echo "run.sh: nginx serves other gzip bytes" >&2; exit 1; }
	local status
	status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$tf/feeds/ai.atom")
	[ "$status" = 304 ] || { echo "run.sh: If-None-Match got $status, not 304" >&2; exit 1; }
	status=$(curl -s -o /dev/null -w '%{http_code}' "$tf/search.atom?q=$search_q")
	[ "$status" = 200 ] || { echo "run.sh: the search feed got $status" >&2; exit 1; }

	echo "   warming up"
	local u
	for u in "$tf/feeds/ai.atom" "$ngx/feeds/ai.atom" "$tf/search.atom?q=$search_q"; do
		wrk -t"$threads" -c"$conns" -d2s "$u" >/dev/null
	done

	local r
	for r in $(seq "$rounds"); do
		echo "   round $r: load average $(cut -d' ' -f1-3 /proc/loadavg)"
		bench "$name" "$r" "tagfeed feed" "$tf/feeds/ai.atom"
		bench "$name" "$r" "nginx static" "$ngx/feeds/ai.atom"
		bench "$name" "$r" "tagfeed 304" "$tf/feeds/ai.atom" -H "If-None-Match: $etag"
		bench "$name" "$r" "tagfeed search" "$tf/search.atom?q=$search_q"
		bench "$name" "$r" "tagfeed feed gzip" "$tf/feeds/ai.atom" -H 'Accept-Encoding: gzip'
		bench "$name" "$r" "nginx static gzip" "$ngx/feeds/ai.atom" -H 'Accept-Encoding: gzip'
	done
	stop "$ngx_pid"

	echo "   measuring cold renders and searches"
	"$work/measure" -url "$tf" -pid "$tf_pid" -db "$dbfile" -cold 5 -warm 200 -search 200 -feeds /feeds/ai.atom | tee -a "$work/$name.measure.txt"
	stop "$tf_pid"
}

# cold_only NAME CONFIG DB: the cold render and searches, no wrk.
cold_only() {
	local name=$1 cfg=$2 dbfile=$3
	echo "== $name: starting tagfeed"
	start_tagfeed "$name" "$cfg" "$dbfile"
	"$work/measure" -url "$tf" -pid "$tf_pid" -first -db "$dbfile" -cold 5 -warm 200 -search 50 \
		-feeds /feeds/ai.atom,/feeds/semiconductor.atom,/feeds/all.atom | tee -a "$work/$name.measure.txt"
	stop "$tf_pid"
}

echo "== $(nproc) cores; wrk -t$threads -c$conns -d$duration --latency shares them with the servers"
echo "== work folder: $work"

if wanted shipped; then
	# The shipped config as it is: its seeds, and its live feeds, which fail
	# at once on a machine without internet.
	serving shipped "$repo/config.yaml" "$work/shipped.db"
fi
if wanted 100k; then
	db100k=$(fill 100k 100000 5000)
	serving 100k "$(filled_config "$db100k")" "$db100k"
fi
if wanted 1m; then
	db1m=$(fill 1m 1000000 5000)
	cold_only 1m "$(filled_config "$db1m")" "$db1m"
fi

# The table: each tagfeed row against the nginx row of the same round and
# encoding.
echo
echo "== results (requests without Accept-Encoding unless the row says gzip)"
awk -F'\t' '
	NR == 1 { next }
	{ key = $1 SUBSEP $2; rows[++n] = $0 }
	$3 == "nginx static" { plain[key] = $4; plaincpu[key] = $7 }
	$3 == "nginx static gzip" { gz[key] = $4; gzcpu[key] = $7 }
	END {
		printf "%-9s %-5s %-19s %9s %8s %8s %9s %11s %10s %8s\n", "scenario", "round", "endpoint", "req/s", "p50 ms", "p99 ms", "vs nginx", "CPU us/req", "CPU ratio", "others"
		for (i = 1; i <= n; i++) {
			split(rows[i], f, "\t")
			key = f[1] SUBSEP f[2]
			base = (f[3] ~ /gzip/) ? gz[key] : plain[key]
			basecpu = (f[3] ~ /gzip/) ? gzcpu[key] : plaincpu[key]
			ratio = (base > 0) ? sprintf("%.2fx", f[4] / base) : "-"
			cpuratio = (f[7] > 0 && basecpu > 0) ? sprintf("%.2fx", f[7] / basecpu) : "-"
			printf "%-9s %-5s %-19s %9s %8s %8s %9s %11s %10s %8s\n", f[1], f[2], f[3], f[4], f[5], f[6], ratio, f[7], cpuratio, f[10]
		}
	}' "$results" | tee "$work/results.txt"
for f in "$work"/*.measure.txt; do
	[ -f "$f" ] || continue
	echo
	echo "== $(basename "$f" .measure.txt): measure"
	cat "$f"
done
if [ "${remove_work:-0}" != 1 ]; then
	echo
	echo "== outputs kept in $work"
fi
