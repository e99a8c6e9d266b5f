/** The environment record stored next to every result. */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import type { Environment, GpuInfo } from './schema.js';

function run(cmd: string, args: string[], cwd?: string): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000, ...(cwd ? { cwd } : {}) }).trim();
  } catch {
    return null;
  }
}

/** GPUs as `nvidia-smi` lists them; empty when it is absent or fails. */
export function nvidiaGpus(): GpuInfo[] {
  const out = run('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader,nounits']);
  if (!out) return [];
  return out
    .split('\n')
    .map((l) => l.split(',').map((s) => s.trim()))
    .filter((p) => p.length >= 3)
    .map(([name, driver, mib]) => ({ name: name!, driver: driver!, memoryBytes: Number(mib) * 2 ** 20 }));
}

export function environment(packages: Record<string, string>, cwd: string = process.cwd()): Environment {
  const cpus = os.cpus();
  const commit = run('git', ['rev-parse', 'HEAD'], cwd);
  const status = commit === null ? null : run('git', ['status', '--porcelain', '--untracked-files=no'], cwd);
  return {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    hostname: os.hostname(),
    cpu: { model: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length },
    memory: { totalBytes: os.totalmem(), freeBytes: os.freemem() },
    gpus: nvidiaGpus(),
    git: { commit, dirty: status === null ? null : status.length > 0 },
    packages,
  };
}
