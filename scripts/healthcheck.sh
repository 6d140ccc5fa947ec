#!/usr/bin/env bash
# The image's HEALTHCHECK: GET /_emulator/health with bash alone (a /dev/tcp redirection and the read builtin),
# so a probe starts one small shell, not a node process (docs/docker.md has the idle CPU of both).
# It asks the container's own address, the one a published port or another container reaches, not the loopback:
# a server listening on 127.0.0.1 only is unreachable from outside, and is reported unhealthy, not healthy.
address=127.0.0.1
while read -r ip names; do
  for name in $names; do
    if [[ $name == "$HOSTNAME" ]]; then address=$ip; break 2; fi
  done
done < /etc/hosts
exec 3<>"/dev/tcp/$address/${PORT:-4010}" || exit 1
printf 'GET /_emulator/health HTTP/1.0\r\nHost: %s\r\n\r\n' "$address" >&3
read -r -t 3 status <&3 || exit 1
[[ $status =~ ^HTTP/1\.[01]\ 200 ]] || { echo "health answered: $status"; exit 1; }
