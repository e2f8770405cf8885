import { readFileSync } from 'node:fs';

export interface SchedStat {
  /** Time the thread ran on a CPU, in ms. */
  cpuMs: number;
  /** Time the thread was ready to run but waited for a CPU, in ms: how busy the machine is for it. */
  waitMs: number;
}

/**
 * The scheduler's account of a process's main thread (Linux `/proc/<pid>/schedstat`); `null` where
 * there is none. On a shared machine it tells a slow process from a starved one.
 */
export function schedStat(pid: number): SchedStat | null {
  try {
    const [cpuNs, waitNs] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { cpuMs: cpuNs! / 1e6, waitMs: waitNs! / 1e6 };
  } catch {
    return null;
  }
}
