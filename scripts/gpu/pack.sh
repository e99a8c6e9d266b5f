#!/usr/bin/env bash
# Packs what an offline x86-64 NVIDIA host (no Node.js, no registry) needs to run this repo:
# a compressed copy of this machine's `node`, the Vulkan loader (for Dawn / WebGPU), the built
# dist/ folders and the runtime node_modules, with env.sh to source there.
#
#   here:  bash scripts/gpu/pack.sh [DIR]     (default .gpu; add /.gpu/ to .git/info/exclude)
#   there: source DIR/env.sh                  (unpacks node and node_modules, sets PATH)
#
# Node and loader steps follow ../shared/gpu/prepare.sh (used as is when present).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dir=${1:-.gpu}
mkdir -p "$dir"

if [ -x ../shared/gpu/prepare.sh ]; then
  ../shared/gpu/prepare.sh "$dir" >/dev/null
else
  xz -T0 -6 -c "$(command -v node)" > "$dir/node.xz"
  lists=$(mktemp -d); mkdir -p "$lists/partial"
  apt_o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
  apt-get "${apt_o[@]}" update >/dev/null
  (cd "$dir" && apt-get "${apt_o[@]}" download libvulkan1 >/dev/null 2>&1)
  rm -rf "$lists"
  printf '%s\n' '_arr_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)' \
    'mkdir -p /tmp/arr-node' \
    '[ -x /tmp/arr-node/node ] || { xz -dc "$_arr_dir/node.xz" > /tmp/arr-node/node && chmod +x /tmp/arr-node/node; }' \
    'export PATH=/tmp/arr-node:$PATH' \
    'if ! ldconfig -p | grep -q libvulkan.so.1; then for f in "$_arr_dir"/*.deb; do dpkg -x "$f" /; done; ldconfig; fi' \
    'for icd in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json; do [ -f "$icd" ] && { export VK_DRIVER_FILES=$icd; break; }; done' \
    > "$dir/env.sh"
fi

# Build every package so the host needs no TypeScript compiler.
TURBO_TELEMETRY_DISABLED=1 npx -y pnpm@10.34.9 exec turbo run build >/dev/null

# Runtime node_modules (pnpm's relative symlinks survive tar) and dist/ folders; leave out
# build tools, docs tooling, browsers and other platforms' binaries.
tar -czf "$dir/runtime.tgz" \
  --exclude='node_modules/.pnpm/typescript@*' --exclude='node_modules/.pnpm/@turbo+*' --exclude='node_modules/.pnpm/turbo@*' \
  --exclude='node_modules/.pnpm/typedoc*' --exclude='node_modules/.pnpm/@shikijs*' --exclude='node_modules/.pnpm/prettier@*' \
  --exclude='node_modules/.pnpm/playwright-core@*' --exclude='node_modules/.pnpm/@changesets*' \
  --exclude='*/bin/napi-v*/darwin' --exclude='*/bin/napi-v*/win32' --exclude='*/bin/napi-v*/linux/arm64' \
  --exclude='*/webgpu/dist/darwin-*' --exclude='*/webgpu/dist/win32-*' --exclude='*/webgpu/dist/linux-arm64' \
  --exclude='*.map' --exclude='*.d.ts.map' \
  node_modules packages/*/node_modules apps/*/node_modules packages/*/dist apps/*/dist 2>/dev/null || true

# Unpack step appended to env.sh (idempotent).
grep -q 'runtime.tgz' "$dir/env.sh" || cat >> "$dir/env.sh" <<'ENV'
_arr_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -f "$_arr_root/node_modules/.arr-unpacked" ] || { tar -xzf "$(dirname "${BASH_SOURCE[0]}")/runtime.tgz" -C "$_arr_root" && touch "$_arr_root/node_modules/.arr-unpacked"; }
export TURBO_TELEMETRY_DISABLED=1 ONNXRUNTIME_NODE_INSTALL=skip
ENV
du -sh "$dir"/*
