/**
 * Finds the CUDA libraries at run time: the driver (`libcuda.so.1`), cuBLAS (+ cublasLt) and NVRTC
 * (+ its builtins) of CUDA 13 or 12. Pure over an injectable file system, so the search order is
 * unit-tested with a fake layout. Nothing here loads a library.
 */
import nodeFs from 'node:fs';
import nodePath from 'node:path';
import os from 'node:os';

/** The file-system calls discovery needs (tests pass a fake). */
export interface DiscoveryFs {
  exists(path: string): boolean;
  /** Entry names of a folder, or [] when it does not exist. */
  readdir(path: string): string[];
}

export const realFs: DiscoveryFs = {
  exists: (p) => { try { return nodeFs.statSync(p).isFile(); } catch { return false; } },
  readdir: (p) => { try { return nodeFs.readdirSync(p); } catch { return []; } },
};

export interface DiscoveryInput {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly fs?: DiscoveryFs;
  readonly home?: string;
}

/** One toolkit's cuBLAS and NVRTC, found in one or two folders. */
export interface Toolkit {
  /** CUDA major version the sonames belong to (13 or 12). */
  readonly major: number;
  readonly cublas: string;
  readonly cublasLt: string;
  readonly nvrtc: string;
  /** Absent where the builtins are found by the loader next to libnvrtc. */
  readonly nvrtcBuiltins: string | undefined;
}

export interface Discovery {
  /** Path of libcuda.so.1 when found in a searched folder; else undefined (try the loader's name). */
  readonly driver: string | undefined;
  /** Every complete toolkit found, best first (newest major, then search order). */
  readonly toolkits: readonly Toolkit[];
  /** Folders searched for the driver, in order. */
  readonly driverDirs: readonly string[];
  /** Folders searched for cuBLAS/NVRTC, in order. */
  readonly toolkitDirs: readonly string[];
}

export const SUPPORTED_MAJORS = [13, 12] as const;

const uniq = (xs: readonly string[]) => [...new Set(xs.filter((x) => x.length > 0))];
const pathList = (v: string | undefined) => (v ? v.split(nodePath.delimiter) : []);

/** `site-packages` / `dist-packages` folders of the usual Python installs (for NVIDIA's pip wheels). */
function pythonSitePackages(fs: DiscoveryFs, env: DiscoveryInput['env'], home: string): string[] {
  const prefixes = uniq([env?.VIRTUAL_ENV ?? '', env?.CONDA_PREFIX ?? '', '/usr/local', '/usr', '/opt/conda', nodePath.join(home, '.local')]);
  const out: string[] = [];
  for (const prefix of prefixes) {
    const lib = nodePath.join(prefix, 'lib');
    for (const py of fs.readdir(lib).filter((n) => /^python3(\.\d+)?$/.test(n)).sort().reverse()) {
      for (const sp of ['site-packages', 'dist-packages']) out.push(nodePath.join(lib, py, sp));
    }
  }
  return out;
}

/** Folders that may hold the CUDA toolkit's shared libraries, in search order. */
export function toolkitDirs(input: DiscoveryInput = {}): string[] {
  const fs = input.fs ?? realFs;
  const env = input.env ?? process.env;
  const home = input.home ?? os.homedir();
  const dirs: string[] = [];
  for (const root of [env.CUDA_PATH, env.CUDA_HOME, env.CUDA_ROOT]) {
    if (root) dirs.push(nodePath.join(root, 'lib64'), nodePath.join(root, 'lib'), nodePath.join(root, 'targets/x86_64-linux/lib'));
  }
  dirs.push(...pathList(env.LD_LIBRARY_PATH));
  dirs.push('/usr/local/cuda/lib64', '/usr/local/cuda/targets/x86_64-linux/lib');
  // Versioned installs, newest first (cuda-13.0 before cuda-12.8).
  const versioned = fs.readdir('/usr/local').filter((n) => /^cuda-\d+(\.\d+)?$/.test(n))
    .sort((a, b) => versionOf(b) - versionOf(a));
  for (const v of versioned) dirs.push(`/usr/local/${v}/lib64`, `/usr/local/${v}/targets/x86_64-linux/lib`);
  // NVIDIA's pip wheels: CUDA 13 puts everything in nvidia/cu13/lib, CUDA 12 one folder per library.
  for (const sp of pythonSitePackages(fs, env, home)) {
    dirs.push(nodePath.join(sp, 'nvidia/cu13/lib'), nodePath.join(sp, 'nvidia/cublas/lib'), nodePath.join(sp, 'nvidia/cuda_nvrtc/lib'));
  }
  dirs.push('/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib');
  return uniq(dirs);
}

function versionOf(name: string): number {
  const m = /(\d+)(?:\.(\d+))?/.exec(name);
  return m ? Number(m[1]) * 1000 + Number(m[2] ?? 0) : 0;
}

/** Folders that may hold libcuda.so.1 (the driver ships it outside the toolkit). */
export function driverDirs(input: DiscoveryInput = {}): string[] {
  const env = input.env ?? process.env;
  return uniq([
    ...pathList(env.LD_LIBRARY_PATH),
    '/usr/local/nvidia/lib64', '/usr/local/nvidia/lib',
    '/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib/wsl/lib', '/usr/lib',
    '/usr/local/cuda/compat',
  ]);
}

/** Runs the search. */
export function discover(input: DiscoveryInput = {}): Discovery {
  const fs = input.fs ?? realFs;
  const dDirs = driverDirs(input);
  let driver: string | undefined;
  for (const d of dDirs) {
    const p = nodePath.join(d, 'libcuda.so.1');
    if (fs.exists(p)) { driver = p; break; }
  }
  const tDirs = toolkitDirs(input);
  const toolkits: Toolkit[] = [];
  for (const major of SUPPORTED_MAJORS) {
    const find = (name: string) => {
      for (const d of tDirs) { const p = nodePath.join(d, name); if (fs.exists(p)) return p; }
      return undefined;
    };
    const cublas = find(`libcublas.so.${major}`);
    const nvrtc = find(`libnvrtc.so.${major}`);
    if (!cublas || !nvrtc) continue;
    // cublasLt from cuBLAS's folder first (they must match), else anywhere.
    const ltSame = nodePath.join(nodePath.dirname(cublas), `libcublasLt.so.${major}`);
    const cublasLt = fs.exists(ltSame) ? ltSame : find(`libcublasLt.so.${major}`);
    if (!cublasLt) continue;
    const dir = nodePath.dirname(nvrtc);
    const builtin = fs.readdir(dir).filter((n) => n.startsWith(`libnvrtc-builtins.so.${major}`)).sort().reverse()[0];
    toolkits.push({ major, cublas, cublasLt, nvrtc, nvrtcBuiltins: builtin ? nodePath.join(dir, builtin) : undefined });
  }
  return { driver, toolkits, driverDirs: dDirs, toolkitDirs: tDirs };
}

/**
 * Picks the toolkit the driver can run: the newest whose major the driver supports
 * (`driverVersion` as cuDriverGetVersion gives it, e.g. 13000).
 */
export function pickToolkit(found: readonly Toolkit[], driverVersion: number): Toolkit | undefined {
  const driverMajor = Math.floor(driverVersion / 1000);
  return found.find((t) => t.major <= driverMajor);
}

/** The DeviceError text for a missing library: which file, where it looked, how to fix it. */
export function missingMessage(what: string, files: readonly string[], dirs: readonly string[]): string {
  return `cuda: could not find ${what} (${files.join(' or ')}); searched ${dirs.length} folders: ${dirs.join(', ')}. ` +
    'Install the NVIDIA driver and the CUDA 13 or 12 toolkit (cuBLAS and NVRTC: apt packages cuda-libraries-13-0 or ' +
    'libcublas-13-0 + cuda-nvrtc-13-0; or pip install nvidia-cublas nvidia-cuda-nvrtc), or set CUDA_PATH to the toolkit folder.';
}
