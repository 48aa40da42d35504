import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  readonly alive: boolean;
  /** SIGKILL: no shutdown hook runs, connections drop mid-transaction. */
  kill(): Promise<void>;
}

/**
 * src/main.ts in its own process (node itself, not a tsx wrapper, so SIGKILL hits the server).
 * Resolves once the output contains `until` (default: the DC-09 receiver is bound); with `until: null`
 * at once, for a test that times the start itself.
 */
export async function startServerProcess(env: NodeJS.ProcessEnv, options: { until?: string | null; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const until = options.until === undefined ? 'DC-09 receiver on tcp/udp' : options.until;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const server: ServerProcess = {
    child,
    output: () => output,
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    kill: async () => {
      if (!server.alive) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
  if (until === null) return server;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start in time:\n${output}`));
    }, options.timeoutMs ?? 45_000);
    const check = () => {
      if (!output.includes(until)) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
      resolve();
    };
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`));
    };
    child.stdout?.on('data', check);
    child.once('exit', onExit);
  });
  return server;
}
