#!/bin/sh
# Compiles the linalg and fft kernels to a temporary folder and benchmarks them against NumPy.
set -e
cd "$(dirname "$0")/.."
out=$(mktemp -d)
../../node_modules/.bin/tsc --outDir "$out" --rootDir src --module nodenext --moduleResolution nodenext \
  --target es2022 --strict --skipLibCheck --types node $(ls src/linalg/*.ts src/fft/*.ts | grep -v '\.test\.ts$')
node scripts/bench_linalg_fft.mjs "$out"
rm -rf "$out"
