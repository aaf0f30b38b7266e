# Upstreams and targets for scripts/bench/run: each function writes its config into $TMP and starts
# its process(es) through start() (lib/procs.sh). A target listens on two ports of 127.0.0.1, one in
# front of the iperf3 upstream and one in front of the HTTP upstream; their numbers are kept in
# PORT_IPERF[target] and PORT_HTTP[target].

declare -A PORT_IPERF PORT_HTTP TARGET_PID

HTTP_BODY='synack bench: a small fixed body served by the upstream nginx, the same for every target.'

start_upstream_iperf() {
  start upstream-iperf "$CPU_LOAD" "$TMP/upstream-iperf.log" iperf3 -s -B 127.0.0.1 -p "$UP_IPERF"
  UPSTREAM_IPERF_PID=$LAST_PID
  wait_listen "$LAST_PID" "$UP_IPERF" 10
}

start_upstream_http() {
  cat >"$TMP/upstream-nginx.conf" <<CONF
daemon off;
worker_processes $UPSTREAM_WORKERS;
pid $TMP/upstream-nginx.pid;
error_log $TMP/upstream-nginx.err warn;
worker_rlimit_nofile 18000;
events { worker_connections 8000; }
http {
  access_log off;
  client_body_temp_path $TMP/upstream-nginx-body;
  proxy_temp_path $TMP/upstream-nginx-proxy;
  fastcgi_temp_path $TMP/upstream-nginx-fastcgi;
  uwsgi_temp_path $TMP/upstream-nginx-uwsgi;
  scgi_temp_path $TMP/upstream-nginx-scgi;
  keepalive_requests 100000000;
  keepalive_timeout 5m;
  server {
    listen 127.0.0.1:$UP_HTTP backlog=4096;
    location / { default_type text/plain; return 200 "$HTTP_BODY\n"; }
  }
}
CONF
  start upstream-http "$CPU_LOAD" "$TMP/upstream-nginx.log" \
    nginx -p "$TMP" -c "$TMP/upstream-nginx.conf" -e "$TMP/upstream-nginx.err"
  wait_listen "$LAST_PID" "$UP_HTTP" 10
}

# Loads nginx's stream module when this nginx has it as a dynamic module (Debian does).
nginx_stream_module_line() {
  if nginx -V 2>&1 | grep -q -- '--with-stream=dynamic'; then
    local so
    for so in /usr/lib/nginx/modules/ngx_stream_module.so /usr/share/nginx/modules/ngx_stream_module.so; do
      [ -f "$so" ] && { echo "load_module $so;"; return; }
    done
  fi
}

start_haproxy() {
  cat >"$TMP/haproxy.cfg" <<CONF
# One thread, like nginx's one worker and synack pinned to the same core: the comparison is per core.
global
  nbthread 1
  maxconn 8000
  pidfile $TMP/haproxy.pid
defaults
  mode tcp
  timeout connect 5s
  timeout client 1m
  timeout server 1m
  maxconn 8000
listen bench_iperf
  bind 127.0.0.1:${PORT_IPERF[haproxy]}
  server up 127.0.0.1:$UP_IPERF
listen bench_http
  bind 127.0.0.1:${PORT_HTTP[haproxy]}
  server up 127.0.0.1:$UP_HTTP
CONF
  start haproxy "$CPU_PROXY" "$TMP/haproxy.log" haproxy -db -f "$TMP/haproxy.cfg" -p "$TMP/haproxy.pid"
}

start_nginx() {
  cat >"$TMP/nginx-stream.conf" <<CONF
$(nginx_stream_module_line)
daemon off;
worker_processes 1;
pid $TMP/nginx-stream.pid;
error_log $TMP/nginx-stream.err warn;
worker_rlimit_nofile 18000;
events { worker_connections 8000; }
stream {
  server { listen 127.0.0.1:${PORT_IPERF[nginx]} backlog=4096; proxy_pass 127.0.0.1:$UP_IPERF; }
  server { listen 127.0.0.1:${PORT_HTTP[nginx]} backlog=4096; proxy_pass 127.0.0.1:$UP_HTTP; }
}
CONF
  start nginx "$CPU_PROXY" "$TMP/nginx-stream.log" \
    nginx -p "$TMP" -c "$TMP/nginx-stream.conf" -e "$TMP/nginx-stream.err"
}

# socat forks a child per connection; nodelay on both legs as the other proxies set it by default.
start_socat() {
  start socat "$CPU_PROXY" "$TMP/socat-iperf.log" socat $SOCAT_OPTS \
    "TCP4-LISTEN:${PORT_IPERF[socat]},bind=127.0.0.1,reuseaddr,fork,backlog=4096,nodelay" \
    "TCP4:127.0.0.1:$UP_IPERF,nodelay"
  start socat "$CPU_PROXY" "$TMP/socat-http.log" socat $SOCAT_OPTS \
    "TCP4-LISTEN:${PORT_HTTP[socat]},bind=127.0.0.1,reuseaddr,fork,backlog=4096,nodelay" \
    "TCP4:127.0.0.1:$UP_HTTP,nodelay"
}

# floor_relay_bin : builds lib/floor-relay.c once per run into $TMP (gcc -O2) and prints the binary's path.
floor_relay_bin() {
  local bin=$TMP/floor-relay
  if [ ! -x "$bin" ]; then
    command -v gcc >/dev/null 2>&1 || { echo "missing: gcc (scripts/bench/run installs it)" >&2; return 1; }
    gcc -O2 -o "$bin" "$LIB/floor-relay.c" >&2 || return 1
  fi
  printf '%s' "$bin"
}

# start_floor TARGET PAIR... : the C floor relay (lib/floor-relay.c) for each LISTEN_PORT:UPSTREAM_PORT pair;
# target floor-splice relays with splice(2), floor copies.
start_floor() {
  local t=$1 bin mode=()
  shift
  bin=$(floor_relay_bin) || return 1
  [ "$t" = floor-splice ] && mode=(--splice)
  start "$t" "$CPU_PROXY" "$TMP/$t.log" "$bin" "${mode[@]}" "$@"
}

# stock_netty_epoll : Netty's epoll classes and the unix-common ones of the version pom.xml pins, as a class path.
stock_netty_epoll() {
  local version m2=${M2_REPO:-$HOME/.m2/repository} a f cp=""
  version=$(sed -n 's|.*<netty.version>\(.*\)</netty.version>.*|\1|p' "$REPO/pom.xml")
  for a in netty-transport-classes-epoll netty-transport-native-unix-common; do
    f=$m2/io/netty/$a/$version/$a-$version.jar
    [ -f "$f" ] || { echo "missing: $f (a build of synack fetches it)" >&2; return 1; }
    cp=$cp$f:
  done
  printf '%s' "${cp%:}"
}

# start_netty_bare TARGET LISTEN_PORT UPSTREAM_PORT... : lib/BareRelay.java, a relay on Netty's stock epoll
# channels with nothing of synack's, run from source on synack's jar. synack's jar carries its own build of six
# of Netty's epoll classes (proxy/netty/): Netty's own jars go first on the class path, so that this stays
# Netty's stock channel.
start_netty_bare() {
  local t=$1 stock
  shift
  stock=$(stock_netty_epoll) || return 1
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of words
  start "$t" "$CPU_PROXY" "$TMP/$t.log" java $JAVA_OPTS -cp "$stock:$SYNACK_JAR" "$LIB/BareRelay.java" "$@"
}

# synack_faults VARIANT : the faults: block of each bench proxy for a fault variant (none for "").
#   latency0   a latency of 0 ms on each direction: what a fault in the path costs when it does nothing
#   bandwidth  a bandwidth of 100 GB/s (800 Gbit/s) on each direction: far above what loopback carries
#   latency50  a latency of 50 ms on the service -> client direction: each response comes 50 ms later
synack_faults() {
  case $1 in
    "") ;;
    latency0) cat <<'CONF'
    faults:
      - {name: up, type: latency, stream: upstream, attributes: {latency: 0}}
      - {name: down, type: latency, stream: downstream, attributes: {latency: 0}}
CONF
    ;;
    bandwidth) cat <<'CONF'
    faults:
      - {name: up, type: bandwidth, stream: upstream, attributes: {rate: 100000000}}
      - {name: down, type: bandwidth, stream: downstream, attributes: {rate: 100000000}}
CONF
    ;;
    latency50) cat <<'CONF'
    faults:
      - {name: down, type: latency, stream: downstream, attributes: {latency: 50}}
CONF
    ;;
    *) echo "unknown fault variant: $1" >&2; return 1 ;;
  esac
}

# synack_buffers VARIANT : the buffers: line of each bench proxy for a relay variant (none for "").
#   splice      buffers: {splice: auto}: both directions spliced on epoll (no faults are configured)
#   splice256k  the same with read_size 256KiB (the most one splice takes per pass)
#   read256k    the copy path with read_size 256KiB: the read size's own effect, without splice
synack_buffers() {
  case $1 in
    "") ;;
    splice) echo "    buffers: {splice: auto}" ;;
    splice256k) echo "    buffers: {splice: auto, read_size: 256KiB}" ;;
    read256k) echo "    buffers: {read_size: 256KiB}" ;;
    *) echo "unknown relay variant: $1" >&2; return 1 ;;
  esac
}

# start_synack TARGET TRANSPORT [JAR] [MIRROR] [FAULTS] [METRICS] [BUFFERS] : one JVM per transport, each with its own
# admin port so that the three can run side by side for the whole benchmark (and warm up once, like the
# others). MIRROR true turns the mirror engine on (targets synack-*-mirror); FAULTS is a variant of
# synack_faults, the same faults on both bench proxies (targets synack-*-latency0 and so on); METRICS
# false turns the meters off (targets synack-*-nometrics); BUFFERS is a variant of synack_buffers
# (targets synack-epoll-splice and so on).
start_synack() {
  local t=$1 transport=$2 jar=${3:-$SYNACK_JAR} mirror=${4:-false} variant=${5:-} metrics=${6:-true} cfg="$TMP/$1.yaml" faults buffers
  [ -n "$jar" ] || jar=$SYNACK_JAR
  faults=$(synack_faults "$variant") || return 1
  buffers=$(synack_buffers "${7:-}") || return 1
  # The mirror and metrics keys only when they differ from the default: an older build (--base-jar) may
  # not know them.
  local mirror_line="" metrics_line=""
  [ "$mirror" = true ] && mirror_line="mirror: {enabled: true}"
  [ "$metrics" = false ] && metrics_line="metrics: {enabled: false}"
  cat >"$cfg" <<CONF
admin: {listen: 127.0.0.1:${PORT_ADMIN[$t]}}
transport: $transport
$mirror_line
$metrics_line
proxies:
  - name: bench-iperf
    listen: 127.0.0.1:${PORT_IPERF[$t]}
    upstream: 127.0.0.1:$UP_IPERF
    limits: {max_connections: 100000, idle_timeout: 10m}
$buffers
$faults
  - name: bench-http
    listen: 127.0.0.1:${PORT_HTTP[$t]}
    upstream: 127.0.0.1:$UP_HTTP
    limits: {max_connections: 100000, idle_timeout: 10m}
$buffers
$faults
CONF
  # base-* JVMs take BASE_JAVA_OPTS when it is set (latency1 --base-java-opts): flags side by side.
  local opts=$JAVA_OPTS
  [[ $t == base-* ]] && [ -n "${BASE_JAVA_OPTS:-}" ] && opts=$BASE_JAVA_OPTS
  # shellcheck disable=SC2086  # the options are a list of words
  start "$t" "$CPU_PROXY" "$TMP/$t.log" java $opts -jar "$jar" run -c "$cfg"
}

# start_target TARGET : starts it and waits until both its ports listen; fails if it does not.
start_target() {
  local t=$1
  case $t in
    direct) PORT_IPERF[$t]=$UP_IPERF; PORT_HTTP[$t]=$UP_HTTP; return 0 ;;
    haproxy) start_haproxy ;;
    nginx) start_nginx ;;
    socat) start_socat ;;
    floor|floor-splice) start_floor "$t" "${PORT_IPERF[$t]}:$UP_IPERF" "${PORT_HTTP[$t]}:$UP_HTTP" ;;
    netty-bare) start_netty_bare "$t" "${PORT_IPERF[$t]}" "$UP_IPERF" "${PORT_HTTP[$t]}" "$UP_HTTP" ;;
    synack-epoll) start_synack "$t" epoll ;;
    synack-io_uring) start_synack "$t" io_uring ;;
    synack-nio) start_synack "$t" nio ;;
    synack-epoll-mirror) start_synack "$t" epoll "" true ;;
    synack-io_uring-mirror) start_synack "$t" io_uring "" true ;;
    synack-nio-mirror) start_synack "$t" nio "" true ;;
    synack-*-nometrics)
      local tr=${t#synack-}
      start_synack "$t" "${tr%-nometrics}" "" false "" false ;;
    synack-*-latency0|synack-*-bandwidth|synack-*-latency50)
      local rest=${t#synack-}
      start_synack "$t" "${rest%-*}" "" false "${rest##*-}" ;;
    base-*-latency0|base-*-bandwidth|base-*-latency50)
      local rest=${t#base-}
      start_synack "$t" "${rest%-*}" "$BASE_JAR" false "${rest##*-}" ;;
    synack-epoll-splice|synack-epoll-splice256k|synack-epoll-read256k)
      start_synack "$t" epoll "" false "" true "${t#synack-epoll-}" ;;
    base-epoll) start_synack "$t" epoll "$BASE_JAR" ;;
    base-io_uring) start_synack "$t" io_uring "$BASE_JAR" ;;
    base-nio) start_synack "$t" nio "$BASE_JAR" ;;
    base-epoll-mirror) start_synack "$t" epoll "$BASE_JAR" true ;;
    base-io_uring-mirror) start_synack "$t" io_uring "$BASE_JAR" true ;;
    base-nio-mirror) start_synack "$t" nio "$BASE_JAR" true ;;
    *) echo "unknown target: $t" >&2; return 1 ;;
  esac
  TARGET_PID[$t]=$LAST_PID
  wait_listen "$LAST_PID" "${PORT_IPERF[$t]}" "$READY_TIMEOUT" &&
    wait_listen "$LAST_PID" "${PORT_HTTP[$t]}" "$READY_TIMEOUT"
}
