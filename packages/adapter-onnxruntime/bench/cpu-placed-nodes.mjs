// Reads ORT's verbose log (ARR_ORT_LOG_LEVEL=0) on stdin and counts, by op type, the nodes that
// ORT placed on the CPU provider in sessions made for a GPU provider: work that silently leaves
// the GPU (plus the small shape computations ORT keeps on the CPU on purpose), and by origin: the
// adapter names each ONNX node after the op key of the array function that emitted it (graph.ts,
// Builder.origin). Prints one JSON object. Usage: ARR_ORT_LOG_LEVEL=0 <command> 2>&1 | node bench/cpu-placed-nodes.mjs
import readline from 'node:readline';

const onCpu = new Map(), byOrigin = new Map();
let sessions = 0, sessionsWithCpuNodes = 0, sessionsAllOnCpu = 0, inCpuList = false, counted = false;
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line.includes('Node placements')) { sessions++; inCpuList = false; counted = false; continue; }
  // "All nodes placed on [EP]" (no list follows) or "Node(s) placed on [EP]" and one line per node.
  if (/All nodes placed on \[CPUExecutionProvider\]/.test(line)) { sessionsAllOnCpu++; continue; }
  const placed = /Node\(s\) placed on \[(\w+)\]/.exec(line);
  if (placed) {
    inCpuList = placed[1] === 'CPUExecutionProvider';
    if (inCpuList && !counted) { sessionsWithCpuNodes++; counted = true; }
    continue;
  }
  if (!inCpuList) continue;
  const node = /VerifyEachNodeIsAssignedToAnEp\]\s+(\w+) \((.*)\)\s*$/.exec(line);
  if (!node) { inCpuList = false; continue; }
  onCpu.set(node[1], (onCpu.get(node[1]) ?? 0) + 1);
  const origin = `${node[2].replace(/#\d+$/, '')} → ${node[1]}`;
  byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + 1);
}
const top = (m, n = Infinity) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1]).slice(0, n));
console.log(JSON.stringify({ sessions, sessionsWithCpuNodes, sessionsAllOnCpu, cpuNodesByOp: top(onCpu), cpuNodesByOrigin: top(byOrigin, 80) }, null, 1));
