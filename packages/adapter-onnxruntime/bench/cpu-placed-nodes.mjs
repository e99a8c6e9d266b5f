// Reads ORT's verbose log (ARR_ORT_LOG_LEVEL=0) on stdin and counts, by op type, the nodes that
// ORT placed on the CPU provider in sessions made for a GPU provider: work that silently leaves
// the GPU (plus the small shape computations ORT keeps on the CPU on purpose). Prints one JSON
// object. Usage: ARR_ORT_LOG_LEVEL=0 <command> 2>&1 | node bench/cpu-placed-nodes.mjs
import readline from 'node:readline';

const onCpu = new Map();
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
  const node = /VerifyEachNodeIsAssignedToAnEp\]\s+(\w+) \(/.exec(line);
  if (node) onCpu.set(node[1], (onCpu.get(node[1]) ?? 0) + 1);
  else inCpuList = false;
}
const byCount = Object.fromEntries([...onCpu].sort((a, b) => b[1] - a[1]));
console.log(JSON.stringify({ sessions, sessionsWithCpuNodes, sessionsAllOnCpu, cpuNodesByOp: byCount }, null, 1));
