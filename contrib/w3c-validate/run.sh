#!/bin/sh
# Validates the feeds of the publishing issue with the W3C Feed Validator,
# offline: all, nic, a combination of each kind and two saved searches, in
# RSS and Atom, as a tagfeed on the shipped config serves them.
#
#   contrib/w3c-validate/run.sh VALIDATOR_CHECKOUT
#
# VALIDATOR_CHECKOUT is a clone of github.com/w3c/feedvalidator. It needs
# Debian's python3 with python3-html5lib, python3-lxml, python3-rdflib and
# python3-libxml2. The script starts tagfeed on 127.0.0.1:18089 with a copy
# of config.yaml that has the seeds and no live feeds, in a temporary
# folder, and stops it at the end. It exits 1 if any feed has an error.
set -eu
validator=${1:?usage: run.sh VALIDATOR_CHECKOUT}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$repo" && go build -o "$work/tagfeed" ./cmd/tagfeed)
cp -r "$repo/seeds" "$work/seeds"
# The shipped config, on its own database and port, with no live feeds.
awk '
	/^database:/ { print "database: " dir "/tagfeed.db"; next }
	/^listen:/ { print "listen: 127.0.0.1:18089"; next }
	/^feeds:/ { print "feeds: []"; skip = 1; next }
	skip && /^[^ #-]/ { skip = 0 }
	!skip { print }
' dir="$work" "$repo/config.yaml" >"$work/config.yaml"
(cd "$work" && ./tagfeed --config "$work/config.yaml" serve >"$work/serve.log" 2>&1) &
pid=$!
for _ in $(seq 60); do
	curl -sf http://127.0.0.1:18089/healthz >/dev/null 2>&1 && break
	sleep 0.5
done

/usr/bin/python3 "$(dirname "$0")/validate.py" "$validator/src" http://127.0.0.1:18089 \
	/feeds/all.rss /feeds/all.atom /feeds/nic.rss /feeds/nic.atom \
	/feeds/ai+semiconductor.rss /feeds/ai+semiconductor.atom \
	/feeds/ai,energy.rss /feeds/ai,energy.atom \
	'/search.rss?q=ban+dan' '/search.atom?q=ban+dan' '/search.rss?q=nic' '/search.atom?q=nic'
