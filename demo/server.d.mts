/** Types for demo/server.mjs (plain JavaScript, no build step). */

export interface DemoServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:5178`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface DemoOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 360; up to several thousand. */
  orderCount?: number;
}

export function startDemo(options?: DemoOptions): Promise<DemoServer>;

export const DEFAULT_PER: 50;
export const MAX_PER: 5000;
