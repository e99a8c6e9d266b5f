#!/usr/bin/env bash
# Packs what an offline x86-64 NVIDIA host (no Node.js, no registry) needs to run this repo:
# a compressed copy of this machine's `node`, the Vulkan loader (for Dawn / WebGPU), the built
# dist/ folders and the runtime node_modules, with env.sh to source there.
#
#   here:  bash scripts/gpu/pack.sh [DIR]     (default .gpu; add /.gpu/ to .git/info/exclude)
#          ARR_PACK_WITHOUT=tests   leaves out vitest's native bundler (no conformance suites there)
#          ARR_PACK_WITHOUT=webgpu  leaves out Dawn for tfjs (no tfjs webgpu there; ORT has its own)
#          ARR_PACK_WITHOUT=onnxruntime  leaves out onnxruntime-node's native library (no ORT there;
#            room for Dawn: a tfjs-only run)
#          (the working tree plus DIR must fit the device tool's 64 MiB carry; the end says if not)
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

# The same node without its debug symbols (2 MB less compressed; the carry limit is 64 MiB).
stripped=$(mktemp)
if strip -o "$stripped" "$(command -v node)" 2>/dev/null && "$stripped" -e 0; then
  xz -T0 -6 -c "$stripped" > "$dir/node.xz"
fi
rm -f "$stripped"

# NVIDIA's Vulkan ICD is libGLX_nvidia, which needs glvnd: without these Dawn finds no adapter
# ("Could not get 'vkCreateInstance' … for ICD libGLX_nvidia.so.0").
lists=$(mktemp -d); mkdir -p "$lists/partial"
apt_o=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 "-oDir::State::Lists=$lists")
apt-get "${apt_o[@]}" update >/dev/null 2>&1
(cd "$dir" && apt-get "${apt_o[@]}" download libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2 >/dev/null 2>&1)
rm -rf "$lists"

# Build every package so the host needs no TypeScript compiler.
TURBO_TELEMETRY_DISABLED=1 npx -y pnpm@10.34.9 exec turbo run build >/dev/null

# Runtime node_modules (only store entries reachable through pnpm's relative symlinks, which tar
# keeps) and dist/ folders; no build tools, docs tooling, browsers, other platforms' binaries.
python3 scripts/gpu/runtime-files.py . > "$dir/files.txt"
without=()
case ",${ARR_PACK_WITHOUT:-}," in *,tests,*) without+=(--exclude='*/@rolldown/binding-*');; esac
case ",${ARR_PACK_WITHOUT:-}," in *,webgpu,*) without+=(--exclude='*/webgpu/dist/linux-x64');; esac
case ",${ARR_PACK_WITHOUT:-}," in *,onnxruntime,*) without+=(--exclude='*/onnxruntime-node/bin');; esac
ls -d packages/*/dist apps/*/dist >> "$dir/files.txt"
# tfjs packages ship UMD/ES2017/minified bundles and their tests next to the Node build
# (`*.node.js`) and the ESM modules (`dist/index.js` …): only the last two are loaded. koffi's
# musl build and test-only packages stay behind (the tree must fit the 64 MiB carry).
tar -cf - \
  --exclude='*_test.js' --exclude='*/@tensorflow/*/dist/*.min.js' --exclude='*.es2017.js' --exclude='*.fesm.js' \
  --exclude='*/dist/tf-core.js' --exclude='*/dist/tf-backend-cpu.js' --exclude='*/dist/tf-backend-wasm.js' \
  --exclude='*/dist/tf-backend-webgpu.js' --exclude='*/dist/miniprogram' \
  --exclude='*/bin/napi-v*/darwin' --exclude='*/bin/napi-v*/win32' --exclude='*/bin/napi-v*/linux/arm64' \
  --exclude='*/webgpu/dist/darwin-*' --exclude='*/webgpu/dist/win32-*' --exclude='*/webgpu/dist/linux-arm64' \
  --exclude='*/koffi-linux-x64/musl_x64' \
  --exclude='*/wgsl_reflect' \
  "${without[@]}" \
  --exclude='*.map' --exclude='*.d.ts' --exclude='*.d.mts' --exclude='*.d.cts' \
  -T "$dir/files.txt" | xz -T0 -6 > "$dir/runtime.txz"
rm "$dir/files.txt"

# Unpack step appended to env.sh (idempotent).
grep -q 'runtime.txz' "$dir/env.sh" || cat >> "$dir/env.sh" <<'ENV'
_arr_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -f "$_arr_root/node_modules/.arr-unpacked" ] || { xz -dc "$(dirname "${BASH_SOURCE[0]}")/runtime.txz" | tar -xf - -C "$_arr_root" && touch "$_arr_root/node_modules/.arr-unpacked"; }
if ! ldconfig -p | grep -q libGLX.so.0; then
  for f in "$_arr_dir"/lib{egl1,glvnd0,opengl0,gl1,glx0,gles2}_*.deb; do [ -f "$f" ] && dpkg -x "$f" /; done
  ldconfig
fi
[ -f /usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json ] && export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
export TURBO_TELEMETRY_DISABLED=1 ONNXRUNTIME_NODE_INSTALL=skip
ENV
du -sh "$dir"/*
# The device tool carries the working tree (tracked and untracked, not ignored) plus DIR.
tree=$(git ls-files -z --cached --others --exclude-standard | xargs -0 du -cb 2>/dev/null | awk 'END { print $1 }')
packed=$(du -cb "$dir" | awk 'END { print $1 }')
total=$((tree + packed))
echo "carry: working tree $((tree >> 20)) MiB + $dir $((packed >> 20)) MiB = $((total >> 20)) MiB (limit 64)"
[ "$total" -le $((64 << 20)) ] || echo "over the 64 MiB carry limit: set ARR_PACK_WITHOUT (see the top of this script)" >&2
