// Compiles every generated kernel source for sm_90 with nvcc (the toolkit's compiler + ptxas), in
// batches: each source goes into its own C++ namespace with its entry points renamed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allKernelSources } from './all-kernels.js';

function findNvcc(): string | undefined {
  for (const p of [process.env.NVCC, '/usr/local/cuda/bin/nvcc', ...(process.env.PATH ?? '').split(':').map((d) => path.join(d, 'nvcc'))]) {
    if (p && fs.existsSync(p)) return p;
  }
  return undefined;
}
const nvcc = findNvcc();
const sources = allKernelSources();

/** Wraps one source so many fit in one translation unit. */
export function isolate(src: string, i: number): string {
  const body = src.replace(/extern "C" __global__ void (\w+)/g, (_m, n: string) => `extern "C" __global__ void ${n}_${i}`);
  return `namespace k${i} {\n${body}\n}\n`;
}

describe('generated kernels compile with nvcc for sm_90', () => {
  it('generates a source for every op, dtype and kernel kind', () => {
    expect(sources.length).toBeGreaterThan(900);
    expect(new Set(sources.map((s) => s.name)).size).toBe(sources.length);
  });
  if (!nvcc) {
    it.skip('nvcc not found (set NVCC or install the CUDA toolkit): compile check skipped', () => {});
    return;
  }
  const batches = 8;
  const per = Math.ceil(sources.length / batches);
  for (let b = 0; b < batches; b++) {
    const part = sources.slice(b * per, (b + 1) * per);
    it(`batch ${b + 1}/${batches} (${part[0]?.name} … ${part[part.length - 1]?.name})`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arr-nvcc-'));
      const file = path.join(dir, 'k.cu');
      fs.writeFileSync(file, part.map((s, i) => `// ${s.name}\n${isolate(s.source, b * per + i)}`).join('\n'));
      try {
        execFileSync(nvcc, ['-cubin', '-arch=sm_90', '-std=c++17', '--fmad=false', '-w', '-o', path.join(dir, 'k.cubin'), file], { stdio: 'pipe', timeout: 600_000 });
      } catch (e) {
        const err = e as { stderr?: Buffer };
        const msg = err.stderr?.toString() ?? String(e);
        // Name the failing kernels from the line numbers nvcc reports.
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        const names = new Set<string>();
        for (const m of msg.matchAll(/k\.cu\((\d+)\)/g)) {
          for (let l = Number(m[1]) - 1; l >= 0; l--) if (lines[l]!.startsWith('// ')) { names.add(lines[l]!.slice(3)); break; }
        }
        throw new Error(`nvcc failed for ${[...names].join(', ')}:\n${msg.slice(0, 4000)}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 600_000);
  }
});
