#!/usr/bin/env bash
# npm run test:e2e: the packed package inside a real n8n (1.123.81), against local GuGuData servers.
#   1. n8n and (when the system Node is older than 22) Node 24 into .cache/ (first time only),
#   2. npm run build + npm pack,
#   3. the tarball unpacked into a fresh n8n user folder the way n8n's Community Nodes installer does,
#   4. scripts/n8n/e2e.ts: credentials and workflows imported and run with n8n's CLI, then n8n's server
#      for the credential test, the community package list, node/credential types, icons, AI tool.
# Prints PASS/FAIL per check and `N passed, M failed` last; exits 1 on any failure.
# E2E_KEEP=1 keeps the user folder (it is always kept when a check fails).
source "$(dirname "${BASH_SOURCE[0]}")/n8n/lib.sh"

T_START="$(now)"
log "npm run test:e2e: n8n $N8N_VERSION"

T0="$(now)"
ensure_node
ensure_n8n
T_INSTALL="$(elapsed "$T0")"
log "Node $("$NODE_BIN" -v) at $NODE_BIN; n8n ready after $T_INSTALL s"

T0="$(now)"
TARBALL="$(build_and_pack)"
T_PACK="$(elapsed "$T0")"

n8n_env
mkdir -p "$CACHE/e2e"
# User folders of earlier runs (kept after a failure) go now.
rm -rf "$CACHE"/e2e/user-*
E2E_USER_FOLDER="$(mktemp -d "$CACHE/e2e/user-XXXXXX")"
install_community_package "$E2E_USER_FOLDER" "$TARBALL"

log "Timings so far: install/cache check $T_INSTALL s, build+pack $T_PACK s"

E2E_T_START="$T_START" E2E_T_INSTALL="$T_INSTALL" E2E_T_PACK="$T_PACK" \
	ROOT="$ROOT" NODE_BIN="$NODE_BIN" N8N_BIN="$N8N_BIN" E2E_USER_FOLDER="$E2E_USER_FOLDER" \
	N8N_NODE_MODULES="$N8N_DIR/node_modules" \
	"$NODE_BIN" "$ROOT/node_modules/tsx/dist/cli.mjs" "$ROOT/scripts/n8n/e2e.ts"
exit $?
