/**
 * Step timings for the import commit, off unless a benchmark asks for them by setting
 * `globalThis.__buyerlensTimings = true` in the worker (bench/io.ts does, and prints the lines
 * the worker logs). Costs one property read per commit when off.
 */
export class StepTimings {
  private readonly totals = new Map<string, number>();
  /** Time one step and add it to its total (a step may run once per batch). */
  async time<T>(step: string, work: () => PromiseLike<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      this.add(step, performance.now() - t0);
    }
  }
  add(step: string, ms: number): void {
    this.totals.set(step, (this.totals.get(step) ?? 0) + ms);
  }
  log(label: string): void {
    const parts = [...this.totals].map(([step, ms]) => `${step} ${Math.round(ms)} ms`);
    console.log(`[buyerlens:timings] ${label}: ${parts.join(', ')}`);
  }
}

export function stepTimings(): StepTimings | undefined {
  return (globalThis as { __buyerlensTimings?: boolean }).__buyerlensTimings ? new StepTimings() : undefined;
}
