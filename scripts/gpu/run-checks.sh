#!/usr/bin/env bash
# Runs on the GPU host, after `source .gpu/env.sh` (see scripts/gpu/pack.sh): the environment
# record, the GPU conformance suites, the adapters' GPU checks and the benchmark, each step with
# its own time limit so one hang cannot eat the rest. Everything lands in $OUT/gpu-run.tgz
# (gpu-run-2.tgz for a second invocation in the same call).
#
#   usage: OUT=/some/dir bash scripts/gpu/run-checks.sh [steps…]
#   steps: env tfjs-conformance ort-conformance cuda-conformance tfjs-check ort-check cuda-check cuda-ref bench
#   (not in the default list: bench-targets, the speed targets of the adapter issues in one app run;
#   bench-cpu, the CPU EP against NumPy in the app; diagnostics tfjs-diag tfjs-split ort-diag ort-placement ort-matmul (ONNX forms of a matmul) ort-chain (forms of the 10-op chain) ort-cpu-matmul (ONNX forms of the CPU EP's matmul against NumPy) ort-cpu-nodes (nodes ORT placed on the CPU during the WebGPU conformance suite) ort-int-ops (integer ops on WebGPU with and without the GPU graph forms) ort-cpu (the CPU EP against NumPy on this host) cuda-extract cuda-sum-host (np.sum's host time, profiled) cuda-host (the adapter's host-side
#   cost per op against a fake driver, on this host's CPU);
#   ARR_CUDA_CONFORMANCE_ONLY=extract,searching limits cuda-conformance to some groups;
#   ARR_CUDA_DEVICE_EXTRACT=0, ARR_ORT_DEVICE_INPUTS=0 and ARR_TFJS_FAST_MATMUL=0 test without
#   the (default) device-side extract / deviceInputs / WGSL matmul)
#   (default: all; BENCH_ARGS adds arguments to the benchmark, e.g. "--quick"; BENCH_ADAPTERS
#   limits it to some adapters, BENCH_SECONDS sets its time limit, REFERENCE_ENGINES limits the Python
#   reference of bench-targets, e.g. cupy,torch:cuda,torch:cuda:tf32)
set -u
out=${OUT:?set OUT to the output folder}
work=$(mktemp -d)
# A second invocation in the same call writes gpu-run-2.tgz (…-3, …) instead of replacing the first.
archive=$out/gpu-run.tgz
n=1; while [ -e "$archive" ]; do n=$((n + 1)); archive=$out/gpu-run-$n.tgz; done
mkdir -p "$work/r"
export ARR_GPU_TESTS=1 TURBO_TELEMETRY_DISABLED=1
steps=${*:-env tfjs-conformance ort-conformance cuda-conformance tfjs-check ort-check cuda-check cuda-ref bench}
vitest=(node node_modules/vitest/vitest.mjs run --reporter=dot)

step() { # name seconds command…
  local name=$1 secs=$2; shift 2
  local t0=$SECONDS
  # SIGINT first: the benchmark then writes what it measured (as on Ctrl-C).
  timeout -s INT -k 90 "$secs" "$@" > "$work/r/$name.log" 2>&1
  local rc=$?
  echo "$name: exit $rc in $((SECONDS - t0)) s" | tee -a "$work/r/steps.txt"
  # Re-pack after every step, so a call cut short still brings back what finished.
  tar -czf "$archive" -C "$work" r
}

for s in $steps; do
  case $s in
    env) step env 60 bash -c 'date -u; nvidia-smi; node --version; uname -a; nproc; free -g;
      python3 -c "import numpy; print(\"numpy\", numpy.__version__)"; python3 -c "import cupy; print(\"cupy\", cupy.__version__)";
      python3 -c "import torch; print(\"torch\", torch.__version__, torch.version.cuda)"; ls /usr/local/cuda/lib64 | head -50' ;;
    tfjs-conformance) step tfjs-conformance ${CONFORMANCE_SECONDS:-300} env ARR_SUPPORT_MATRIX_OUT="$work/r/tfjs-webgpu.json" \
      "${vitest[@]}" --project adapter-tfjs src/conformance-webgpu.test.ts ;;
    ort-conformance) step ort-conformance ${CONFORMANCE_SECONDS:-300} env ARR_SUPPORT_MATRIX_OUT="$work/r/onnxruntime-webgpu.json" \
      "${vitest[@]}" --project adapter-onnxruntime src/conformance-webgpu.test.ts ;;
    cuda-conformance) [ -d packages/adapter-cuda ] && step cuda-conformance ${CONFORMANCE_SECONDS:-300} env ARR_SUPPORT_MATRIX_OUT="$work/r/cuda.json" \
      "${vitest[@]}" --project adapter-cuda src/conformance.test.ts ;;
    tfjs-check) step tfjs-check 180 node packages/adapter-tfjs/bench/gpu-check.mjs ;;
    ort-check) step ort-check 180 node packages/adapter-onnxruntime/bench/gpu-check.mjs ;;
    cuda-check) [ -f packages/adapter-cuda/bench/gpu-check.mjs ] && step cuda-check 180 node packages/adapter-cuda/bench/gpu-check.mjs ;;
    tfjs-diag) step tfjs-diag 180 node packages/adapter-tfjs/bench/webgpu-diag.mjs ;;
    ort-diag) step ort-diag 180 bash -c 'for o in "{}" "{\"validationMode\":\"disabled\"}" "{\"storageBufferCacheMode\":\"disabled\"}" "{\"storageBufferCacheMode\":\"simple\"}"; do
      node packages/adapter-onnxruntime/bench/webgpu-diag.mjs --sizes 24,26 --options "$o" 2>/dev/null; done; node packages/adapter-onnxruntime/bench/webgpu-diag.mjs --ep cpu --sizes 24,26 2>/dev/null' ;;
    ort-placement) step ort-placement 120 bash -c 'ARR_ORT_LOG_LEVEL=0 node packages/adapter-onnxruntime/bench/webgpu-diag.mjs 2>&1 | grep -iE "placement|assigned|memcpy|CPUExecutionProvider|WebGpuExecutionProvider" | sort | uniq -c | sort -rn | head -80' ;;
    tfjs-split) step tfjs-split 180 node packages/adapter-tfjs/bench/split-reduce-check.mjs ;;
    # The C API runner (default), then onnxruntime-node's run() for comparison.
    ort-cpu) step ort-cpu 300 bash -c 'node packages/adapter-onnxruntime/bench/cpu-bench.mjs --loop 100000; node packages/adapter-onnxruntime/bench/cpu-bench.mjs --node' ;;
    ort-chain) step ort-chain 120 node packages/adapter-onnxruntime/bench/chain-forms.mjs ;;
    ort-cpu-matmul) step ort-cpu-matmul 240 node packages/adapter-onnxruntime/bench/cpu-matmul-forms.mjs --rounds 20 ;;
    ort-int-ops) step ort-int-ops 300 node packages/adapter-onnxruntime/bench/gpu-int-ops.mjs ;;
    # The verbose log (~55 MB) goes to a file outside the archive, not through a pipe: piped, ORT's
    # writes to stderr were lost once the pipe filled (the eighth session's calls 1-2 counted 65 and
    # 80 of ~3 370 sessions; the file got all). Its summary, both ends and the count come back.
    ort-cpu-nodes) step ort-cpu-nodes 400 bash -c 'ARR_ORT_LOG_LEVEL=0 node node_modules/vitest/vitest.mjs run --reporter=dot --project adapter-onnxruntime src/conformance-webgpu.test.ts > "$0/verbose.log" 2>&1;
      echo "suite exit $?, $(wc -c < "$0/verbose.log") bytes of log"; sed "s/\x1b\[[0-9;]*m//g" "$0/verbose.log" | grep -aE "Test Files|Tests |FAIL|Error:" | grep -v provider_bridge | tail -20;
      for p in "Node placements" "placed on \[" "Session successfully initialized" "InferenceSession" "WebGpuExecutionProvider"; do echo "lines with \"$p\": $(grep -ac "$p" "$0/verbose.log")"; done;
      sed "s/\x1b\[[0-9;]*m//g" "$0/verbose.log" | { head -c 65536; echo; echo "[…]"; tail -c 65536; } | gzip > "$0/r/ort-cpu-nodes-log-ends.txt.gz";
      node packages/adapter-onnxruntime/bench/cpu-placed-nodes.mjs < "$0/verbose.log"; rm -f "$0/verbose.log"' "$work" ;;
    ort-matmul) step ort-matmul 240 bash -c 'node packages/adapter-onnxruntime/bench/matmul-variants.mjs; node packages/adapter-onnxruntime/bench/matmul-variants.mjs --provider-options "{\"validationMode\":\"disabled\"}"' ;;
    cuda-sum-host) step cuda-sum-host 120 env OUT="$work/r" node packages/adapter-cuda/bench/sum-host.mjs ;;
    cuda-host) step cuda-host 120 node packages/adapter-cuda/bench/host-overhead.mjs ;;
    cuda-extract) step cuda-extract 120 bash -c 'node packages/adapter-cuda/bench/extract-check.mjs; node packages/adapter-cuda/bench/extract-check.mjs --host-path' ;;
    cuda-ref) step cuda-ref 180 python3 packages/adapter-cuda/bench/gpu-ref.py ;;
    # Every adapter and engine that starts (the others are listed with their reason), unless
    # BENCH_ADAPTERS names some.
    bench) step bench ${BENCH_SECONDS:-420} node apps/bench/dist/main.js --no-progress --reference \
      ${BENCH_ADAPTERS:+--adapters "$BENCH_ADAPTERS"} \
      --tensorboard "$work/r/tensorboard" --out "$work/r/bench" ${BENCH_ARGS:-} ;;
    # The issues' speed targets in one app run with the Python reference (CuPy, PyTorch, NumPy).
    # (tfjs left out by default: #5's targets have their own committed runs; BENCH_ADAPTERS overrides.)
    bench-targets) step bench-targets ${BENCH_SECONDS:-540} node apps/bench/dist/main.js --no-progress --reference --quick \
      --adapters ${BENCH_ADAPTERS:-onnxruntime:cpu,onnxruntime:webgpu,cuda,cuda:unfused,cuda:tf32} ${REFERENCE_ENGINES:+--reference-engines "$REFERENCE_ENGINES"} \
      --cases matmul,elementwise,reduction,filter,overhead --max-run-seconds 2 \
      --sizes matmul=2048,4096 --sizes elementwise=2^26 --sizes reduction=2^26 --sizes filter=1e7 \
      --tensorboard "$work/r/tensorboard-targets" --out "$work/r/bench-targets" ;;
    # The CPU EP's targets in the app, against NumPy (matmul 2048², elementwise on 10⁷, per-op overhead).
    bench-cpu) step bench-cpu ${BENCH_SECONDS:-240} node apps/bench/dist/main.js --no-progress --reference --quick \
      --adapters ${BENCH_ADAPTERS:-onnxruntime:cpu} --reference-engines ${REFERENCE_ENGINES:-numpy} \
      --cases matmul,elementwise,overhead --max-run-seconds 2 --sizes matmul=2048 --sizes elementwise=1e7 \
      --out "$work/r/bench-cpu" ;;
    *) echo "unknown step $s" | tee -a "$work/r/steps.txt" ;;
  esac
done
# Conformance logs are large and repetitive: kept gzipped, as committed under benchmarks/results/.
gzip -9 "$work"/r/*conformance.log 2>/dev/null || true
tar -czf "$archive" -C "$work" r
cat "$work/r/steps.txt"
