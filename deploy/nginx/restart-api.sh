#!/bin/sh
# Stops or restarts one API process without losing a request, behind open-source nginx.
#
#   deploy/nginx/restart-api.sh 127.0.0.1:3001                 # systemctl restart shukai-api@3001
#   deploy/nginx/restart-api.sh 127.0.0.1:3001 stop            # systemctl stop …, left out of nginx
#   deploy/nginx/restart-api.sh 127.0.0.1:3001 start           # systemctl start …, back into nginx
#   deploy/nginx/restart-api.sh 10.0.0.12:3001 restart ssh 10.0.0.12 systemctl restart shukai-api@3001
#
# A process's SIGTERM refuses new connections, and nginx passes a refused request to the other
# process; but a connection the kernel completed a moment before the port closed is reset after
# nginx has sent the request, and nginx does not resend a POST. So nginx is told first: the
# server is marked `down` in the upstream and nginx reloads (its old workers finish what they
# sent), and only then is the process stopped. Run as root on the nginx host.
set -eu
server=$1
action=${2:-restart}
[ $# -ge 2 ] && shift 2 || shift $#
port=${server##*:}
conf=${SHUKAI_NGINX_CONF:-/etc/nginx/conf.d/shukai.conf}
pattern="^\([[:space:]]*server[[:space:]]\{1,\}$(printf '%s' "$server" | sed 's/\./\\./g')[[:space:];]\)"

grep -q "$pattern" "$conf" || { echo "no 'server $server' line in $conf" >&2; exit 1; }
run() { if [ $# -gt 0 ]; then "$@"; else systemctl "$action" "shukai-api@$port"; fi; }
mark() { # down | up
  if [ "$1" = down ]; then sed -i "/$pattern/{/ down;/!s/;[[:space:]]*\$/ down;/}" "$conf"
  else sed -i "/$pattern/s/ down;/;/" "$conf"; fi
  nginx -t -q && nginx -s reload
}
ready() { # waits up to 120 s for the process's /api/ready
  i=0; until curl -sf "http://$server/api/ready" >/dev/null; do i=$((i + 1)); [ $i -ge 240 ] && return 1; sleep 0.5; done
}

case $action in
  stop|restart)
    mark down
    sleep 2          # nginx's old workers finish the requests they sent there
    run "$@"
    if [ "$action" = restart ]; then ready && mark up; fi ;;
  start)
    run "$@"
    ready && mark up ;;
  *) echo "action must be restart, stop or start, not $action" >&2; exit 2 ;;
esac
