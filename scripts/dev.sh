#!/usr/bin/env bash
# npm run dev: a real n8n (2.40.7) on http://localhost:5678 with this package installed as a
# community package, a ready "GuGuData (local test server)" credential and a local GuGuData server.
# Ctrl-C stops n8n and the GuGuData server. See docs/dev-instance.md.
#
# Settings (environment):
#   N8N_PORT (5678)                 n8n's port
#   GUGUDATA_DEV_PORT (5690)        the local GuGuData server's port (International platform)
#   N8N_DEV_EMAIL, N8N_DEV_PASSWORD the owner account set up on the first run
#                                   (dev@example.com / GuGuData-dev-1); N8N_DEV_SKIP_OWNER=1 leaves
#                                   the owner setup to the browser
#   N8N_DEV_RESET=1                 start from an empty n8n user folder
#   N8N_VERSION (2.40.7)            the n8n release: 2.40.7 or 1.123.81
N8N_VERSION="${N8N_VERSION:-2.40.7}"
source "$(dirname "${BASH_SOURCE[0]}")/n8n/lib.sh"

# One user folder per n8n release: n8n migrates its database forward only.
USER_FOLDER="$CACHE/n8n-user-dev-$N8N_VERSION"
GUGU_PORT="${GUGUDATA_DEV_PORT:-5690}"
GUGU_KEY="gugudata-dev-local-appkey"
CREDENTIAL_ID="gugudataDevLocal"
CREDENTIAL_NAME="GuGuData (local test server)"
OWNER_EMAIL="${N8N_DEV_EMAIL:-dev@example.com}"
OWNER_PASSWORD="${N8N_DEV_PASSWORD:-GuGuData-dev-1}"

T_START="$(now)"
n8n_env
N8N_URL="http://localhost:$N8N_PORT"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$N8N_PORT" && die "port $N8N_PORT is in use (another n8n?); set N8N_PORT"
port_busy "$GUGU_PORT" && die "port $GUGU_PORT is in use; set GUGUDATA_DEV_PORT"

if [ ! -d "$ROOT/node_modules" ]; then
	log "No node_modules: npm ci (the build and the local GuGuData server need the dev dependencies)"
	(cd "$ROOT" && npm ci --no-audit --no-fund)
fi

ensure_node
ensure_n8n
T_INSTALL="$(elapsed "$T_START")"
TARBALL="$(build_and_pack)"

if [ "${N8N_DEV_RESET:-}" = "1" ]; then rm -rf "$USER_FOLDER"; fi
mkdir -p "$USER_FOLDER"
FIRST_RUN=0
[ -f "$USER_FOLDER/.n8n/database.sqlite" ] || FIRST_RUN=1
install_community_package "$USER_FOLDER" "$TARBALL"

PIDS=()
cleanup() {
	trap - INT TERM EXIT
	log "Stopping n8n and the local GuGuData server"
	local pid
	for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The local GuGuData server (International platform), with a fixed key and port so the
# credential stays valid across restarts. It reads any image it has no fixture for with
# tesseract.js and a PDF with pdf.js (test/server/ocr), so a user's own files work in n8n.
GUGU_LOG="$USER_FOLDER/gugudata-server.log"
"$NODE_BIN" "$ROOT/node_modules/tsx/dist/cli.mjs" "$ROOT/test/server/cli.ts" --platform international \
	--port "$GUGU_PORT" --key "$GUGU_KEY" >"$GUGU_LOG" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do
	grep -q '"baseUrl"' "$GUGU_LOG" 2>/dev/null && break
	kill -0 "${PIDS[0]}" 2>/dev/null || { cat "$GUGU_LOG" >&2; die "the local GuGuData server did not start"; }
	sleep 0.5
done
GUGU_INFO="$(grep -m1 '"baseUrl"' "$GUGU_LOG")" || die "the local GuGuData server printed no address"
GUGU_BASE_URL="$("$NODE_BIN" -p 'JSON.parse(process.argv[1]).baseUrl' "$GUGU_INFO")"
GUGU_SAMPLE_URL="$("$NODE_BIN" -p 'JSON.parse(process.argv[1]).sampleUrl' "$GUGU_INFO")"
GUGU_SAMPLE_PDF_URL="$("$NODE_BIN" -p 'JSON.parse(process.argv[1]).samplePdfUrl' "$GUGU_INFO")"
log "Local GuGuData server (International) at $GUGU_BASE_URL, AppKey $GUGU_KEY"

# Credential (re-imported each run: same id, so it is updated in place).
IMPORT_DIR="$USER_FOLDER/import"
rm -rf "$IMPORT_DIR"
mkdir -p "$IMPORT_DIR/workflows"
"$NODE_BIN" -e '
	const [file, id, name, appKey, baseUrl] = process.argv.slice(1);
	require("fs").writeFileSync(file, JSON.stringify([{ id, name, type: "guGuDataApi",
		data: { appKey, platform: "international", baseUrl } }], null, 2));
' "$IMPORT_DIR/credentials.json" "$CREDENTIAL_ID" "$CREDENTIAL_NAME" "$GUGU_KEY" "$GUGU_BASE_URL"
n8n_cli "$USER_FOLDER" import:credentials --input="$IMPORT_DIR/credentials.json" >"$IMPORT_DIR/import.log" 2>&1 \
	|| { tail -20 "$IMPORT_DIR/import.log" >&2; die "n8n import:credentials failed"; }
log "Credential \"$CREDENTIAL_NAME\" imported"

register_community_package "$USER_FOLDER"

# Workflows: a demo of every input on the sample image, and examples/*.json with their GuGuData
# nodes on the dev credential. A workflow is imported when new or changed since its last import
# (it then replaces the one of the same id); edits made in n8n to an unchanged one are kept.
"$NODE_BIN" "$ROOT/scripts/n8n/prepare-workflows.cjs" "$ROOT" "$IMPORT_DIR/workflows" "$CREDENTIAL_ID" \
	"$CREDENTIAL_NAME" "$ROOT/test/fixtures/sample.png" "$GUGU_SAMPLE_URL" \
	"$ROOT/test/fixtures/sample.pdf" "$GUGU_SAMPLE_PDF_URL" >&2
MARKERS="$USER_FOLDER/.imported"
mkdir -p "$MARKERS" "$IMPORT_DIR/changed"
CHANGED=()
for workflow in "$IMPORT_DIR"/workflows/*.json; do
	marker="$MARKERS/$(basename "$workflow").$(sha256sum "$workflow" | cut -c1-16)"
	[ -f "$marker" ] && continue
	cp "$workflow" "$IMPORT_DIR/changed/"
	CHANGED+=("$(basename "$workflow")")
done
if [ "${#CHANGED[@]}" -gt 0 ]; then
	if n8n_cli "$USER_FOLDER" import:workflow --separate --input="$IMPORT_DIR/changed" >>"$IMPORT_DIR/import.log" 2>&1; then
		for name in "${CHANGED[@]}"; do
			rm -f "$MARKERS/$name".*
			touch "$MARKERS/$name.$(sha256sum "$IMPORT_DIR/workflows/$name" | cut -c1-16)"
		done
		log "Workflows imported: ${CHANGED[*]}"
	else
		log "WARNING: n8n import:workflow failed (see $IMPORT_DIR/import.log)"
	fi
else
	log "Workflows unchanged since the last import"
fi

# n8n itself.
N8N_LOG="$USER_FOLDER/n8n.log"
log "Starting n8n $N8N_VERSION (log: $N8N_LOG)"
# n8n writes to its log file only (a pipe to a reader that Ctrl-C also stops would break n8n's own
# shutdown); `tail -f` shows it.
: >"$N8N_LOG"
N8N_USER_FOLDER="$USER_FOLDER" "$NODE_BIN" "$N8N_BIN" start >>"$N8N_LOG" 2>&1 &
N8N_PID=$!
PIDS+=("$N8N_PID")
tail -n +1 -f "$N8N_LOG" >&2 &
PIDS+=($!)
for _ in $(seq 1 180); do
	if grep -q 'Editor is now accessible' "$N8N_LOG" 2>/dev/null && curl -fs -o /dev/null "$N8N_URL/rest/settings"; then break; fi
	kill -0 "$N8N_PID" 2>/dev/null || die "n8n exited (see $N8N_LOG)"
	sleep 1
done
curl -fs -o /dev/null "$N8N_URL/rest/settings" || die "n8n did not come up on $N8N_URL"

OWNER_NOTE="Sign in as $OWNER_EMAIL / $OWNER_PASSWORD"
if [ "${N8N_DEV_SKIP_OWNER:-}" = "1" ]; then
	OWNER_NOTE="Set up the owner account in the browser"
elif [ "$(curl -fs "$N8N_URL/rest/settings" | "$NODE_BIN" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.userManagement.showSetupOnFirstLoad))')" = "true" ]; then
	status="$(curl -s -o "$USER_FOLDER/owner-setup.json" -w '%{http_code}' -H 'content-type: application/json' \
		-d "{\"email\":\"$OWNER_EMAIL\",\"firstName\":\"Dev\",\"lastName\":\"GuGuData\",\"password\":\"$OWNER_PASSWORD\"}" \
		"$N8N_URL/rest/owner/setup")"
	if [ "$status" = "200" ]; then
		printf '%s\n' "$OWNER_EMAIL" >"$USER_FOLDER/.dev-owner"
	else
		OWNER_NOTE="Owner setup failed (HTTP $status): set it up in the browser"
	fi
elif [ -f "$USER_FOLDER/.dev-owner" ]; then
	OWNER_NOTE="Sign in as $(cat "$USER_FOLDER/.dev-owner") (password of the first run; default $OWNER_PASSWORD)"
else
	OWNER_NOTE="Sign in with the owner account you set up"
fi

cat >&2 <<EOF

================================================================================
 n8n $N8N_VERSION is ready: $N8N_URL   (started in $(elapsed "$T_START") s; n8n install/check $T_INSTALL s)
 $OWNER_NOTE
 Community package: $PACKAGE_NAME@$("$NODE_BIN" -p 'require(process.argv[1]).version' "$ROOT/package.json") (Settings > Community Nodes)
 Credential:        "$CREDENTIAL_NAME" -> $GUGU_BASE_URL
 Workflow:          "GuGuData demo: sample image and PDF, every input (local server)"
 Local GuGuData:    AppKey $GUGU_KEY; image URL that reads as text: $GUGU_SAMPLE_URL
                    PDF URL that reads as text: $GUGU_SAMPLE_PDF_URL
                    Your own images and PDFs are read for real (tesseract.js, English; pdf.js), offline.
 Ctrl-C stops n8n and the GuGuData server.
================================================================================

EOF
[ "$FIRST_RUN" = "1" ] && log "First run: new n8n user folder $USER_FOLDER"

# Runs until n8n exits or Ctrl-C.
wait "$N8N_PID" || true
