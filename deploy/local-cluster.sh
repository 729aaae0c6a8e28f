#!/usr/bin/env bash
# Several processes, one truth: nginx in front of two gunicorn app servers on one PostgreSQL and one Redis,
# all on loopback. Usage: deploy/local-cluster.sh start|stop|status
#
#   NGINX_PORT (8100), APP1_PORT (8101), APP2_PORT (8102)   where they listen
#   REDIS_PORT (6390)                                       the cluster's own redis-server (nothing kept on disk)
#   DATABASE_URL (postgres://postgres@127.0.0.1:5432/kts_cluster)   created when missing
#   RUN_DIR (var/cluster)                                   pid files, logs, nginx cache, the generation file
#   CLUSTER_SKIP_SETUP=1                                    skip migrate/content/collectstatic (already done)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN="$ROOT/.venv/bin"
NGINX_PORT=${NGINX_PORT:-8100}
APP1_PORT=${APP1_PORT:-8101}
APP2_PORT=${APP2_PORT:-8102}
REDIS_PORT=${REDIS_PORT:-6390}
RUN_DIR=${RUN_DIR:-$ROOT/var/cluster}
DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kts_cluster}
WORKERS=${WEB_CONCURRENCY:-2}

export DATABASE_URL
export REDIS_URL="redis://127.0.0.1:${REDIS_PORT}/0"
export PAGE_CACHE_GENERATION_FILE="$RUN_DIR/generation"
export PROXY_COUNT=1
export DEBUG=false
export SITE_URL=${SITE_URL:-http://127.0.0.1:${NGINX_PORT}}
export ALLOWED_HOSTS="127.0.0.1,localhost"
export ACCESS_LOG=${ACCESS_LOG:-}
export STATIC_ROOT=${STATIC_ROOT:-$ROOT/staticfiles}
export SECRET_KEY_FILE=${SECRET_KEY_FILE:-$RUN_DIR/secret_key}

need_packages() {
  local missing=()
  command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
  [ -e /usr/lib/nginx/modules/ngx_http_lua_module.so ] || missing+=(libnginx-mod-http-lua)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian's ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

wait_for() {  # url
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$1 does not answer" >&2
  return 1
}

stop_pidfile() {
  local file=$1
  if [ -f "$file" ]; then
    local pid
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$file"
  fi
}

start() {
  need_packages
  mkdir -p "$RUN_DIR"/{cache,tmp-body,tmp-proxy,tmp-fastcgi,tmp-uwsgi,tmp-scgi}
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize yes \
    --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log" --maxmemory 256mb --maxmemory-policy allkeys-lru
  if [ "${CLUSTER_SKIP_SETUP:-}" != "1" ]; then
    local db=${DATABASE_URL##*/}; db=${db%%\?*}
    local server=${DATABASE_URL%/*}
    psql "$server/postgres" -tAc "select 1 from pg_database where datname='$db'" | grep -q 1 \
      || psql "$server/postgres" -qc "create database \"$db\""
    "$BIN/python" manage.py migrate --noinput -v0
    "$BIN/python" manage.py compilemessages --ignore=.venv -v0
    "$BIN/python" manage.py load_forum_content >/dev/null
    "$BIN/python" manage.py collectstatic --noinput -v0
  fi
  for n in 1 2; do
    local port_var="APP${n}_PORT"
    PORT=${!port_var} WEB_CONCURRENCY=$WORKERS PROC_NAME="kts-app$n" \
      "$BIN/gunicorn" --config deploy/gunicorn.conf.py --daemon --pid "$RUN_DIR/app$n.pid" \
      --error-logfile "$RUN_DIR/app$n.log"
  done
  sed -e "s|@RUN@|$RUN_DIR|g" -e "s|@ROOT@|$ROOT|g" -e "s|@STATIC@|$STATIC_ROOT|g" -e "s|@PORT@|$NGINX_PORT|g" \
      -e "s|@APP1@|$APP1_PORT|g" -e "s|@APP2@|$APP2_PORT|g" -e "s|@USER@|$(id -un)|g" \
      deploy/nginx.conf > "$RUN_DIR/nginx.conf"
  nginx -q -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" -g "daemon on;"
  wait_for "http://127.0.0.1:$APP1_PORT/healthz"
  wait_for "http://127.0.0.1:$APP2_PORT/healthz"
  wait_for "http://127.0.0.1:$NGINX_PORT/healthz"
  echo "nginx http://127.0.0.1:$NGINX_PORT → app servers :$APP1_PORT :$APP2_PORT · redis :$REDIS_PORT · $DATABASE_URL"
}

stop() {
  if [ -f "$RUN_DIR/nginx.pid" ]; then
    nginx -q -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" -s quit 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$RUN_DIR/nginx.pid" ] || break; sleep 0.1; done
  fi
  stop_pidfile "$RUN_DIR/app1.pid"
  stop_pidfile "$RUN_DIR/app2.pid"
  stop_pidfile "$RUN_DIR/redis.pid"
  echo "stopped"
}

status() {
  for name in nginx app1 app2 redis; do
    if [ -f "$RUN_DIR/$name.pid" ] && kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null; then
      echo "$name running (pid $(cat "$RUN_DIR/$name.pid"))"
    else
      echo "$name stopped"
    fi
  done
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
