/**
 * The crossover: for each GPU engine and op, the smallest size from which it beats the best CPU
 * engine at that size (and at every larger size measured), without transfers (compute only) and
 * with them (upload + compute + download, against the CPU engine's total from the same host
 * arrays).
 */
import type { CrossoverRecord, EngineRecord, ResultRecord, Stat } from './schema.js';

const median = (s: Stat | null | undefined) => (s ? s.median : undefined);
/** Compute time; a CPU engine without transfers (the TypeScript baseline) uses its compute time as total. */
const computeMs = (r: ResultRecord) => median(r.stats?.compute);
const totalMs = (r: ResultRecord) => median(r.stats?.total) ?? median(r.stats?.compute);

function firstFromWhichFaster(points: { size: number; speedup: number | null }[]): number | null {
  let from: number | null = null;
  for (const p of [...points].sort((a, b) => a.size - b.size)) {
    if (p.speedup === null) continue;
    if (p.speedup > 1) from ??= p.size;
    else from = null;
  }
  return from;
}

export function crossovers(results: readonly ResultRecord[], engines: readonly EngineRecord[]): CrossoverRecord[] {
  const kind = new Map(engines.map((e) => [e.id, e.kind]));
  const ok = results.filter((r) => r.status === 'ok' && r.stats?.compute);
  const out: CrossoverRecord[] = [];
  const keys = new Set(ok.map((r) => `${r.case}\u0000${r.op}\u0000${r.dtype}`));
  for (const key of keys) {
    const [c, op, dtype] = key.split('\u0000') as [string, string, string];
    if (op === 'add-1') continue; // one size only: no crossover to find
    const rows = ok.filter((r) => r.case === c && r.op === op && r.dtype === dtype);
    const cpu = rows.filter((r) => kind.get(r.engine) === 'cpu');
    const gpuIds = [...new Set(rows.filter((r) => kind.get(r.engine) === 'gpu').map((r) => r.engine))];
    for (const g of gpuIds) {
      const points: CrossoverRecord['points'] = [];
      for (const gr of rows.filter((r) => r.engine === g)) {
        const at = cpu.filter((c) => c.size === gr.size);
        if (at.length === 0) continue;
        const best = at.reduce((a, b) => (computeMs(b)! < computeMs(a)! ? b : a));
        const bestTotal = Math.min(...at.map((c) => totalMs(c)!));
        const gc = computeMs(gr)!;
        const gt = median(gr.stats?.total);
        points.push({
          size: gr.size,
          cpuEngine: best.engine,
          speedupCompute: gc > 0 ? computeMs(best)! / gc : null,
          speedupTotal: gt !== undefined && gt > 0 ? bestTotal / gt : null,
        });
      }
      if (points.length === 0) continue;
      points.sort((a, b) => a.size - b.size);
      out.push({
        case: c,
        op,
        dtype,
        gpuEngine: g,
        points,
        withoutTransfers: firstFromWhichFaster(points.map((p) => ({ size: p.size, speedup: p.speedupCompute }))),
        withTransfers: firstFromWhichFaster(points.map((p) => ({ size: p.size, speedup: p.speedupTotal }))),
      });
    }
  }
  return out;
}

/** The crossover summary as plain lines (for the terminal and summary.txt). */
export function crossoverLines(cross: readonly CrossoverRecord[], engines: readonly EngineRecord[]): string[] {
  const gpus = engines.filter((e) => e.kind === 'gpu' && e.status === 'ok');
  if (gpus.length === 0) {
    return ['Crossover: no GPU engine ran in this run, so there is no GPU-vs-CPU crossover to report (try --adapters onnxruntime:webgpu,cuda, or --reference on a machine with CuPy or PyTorch on CUDA).'];
  }
  if (cross.length === 0) return ['Crossover: the GPU engines share no measured sizes with a CPU engine.'];
  const fmt = (s: number | null) => (s === null ? 'never (in the sizes measured)' : `from size ${s}`);
  return [
    'Crossover (GPU engine against the fastest CPU engine at each size):',
    ...cross.map((c) => `  ${c.case === 'float16' ? 'float16 case: ' : ''}${c.op} ${c.dtype} ${c.gpuEngine}: compute only ${fmt(c.withoutTransfers)}; with transfers ${fmt(c.withTransfers)}`),
  ];
}
