import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Messages between the benchmark runner and the servers it forks. */
export type ChildMessage =
  | { type: 'listening'; port: number }
  | { type: 'cpu'; user: number; system: number }
  | { type: 'profiling' }
  | { type: 'profiled'; file: string };
export type ParentMessage = { type: 'cpu' } | { type: 'profile-start' } | { type: 'profile-stop'; file: string };

/**
 * Wires a forked server to its parent: reports its port, answers CPU-usage questions, and exits when the
 * parent goes away (IPC disconnect), so a crashed or killed runner never leaves servers behind.
 */
export function serveParent(port: number, close: () => Promise<void>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('this server is meant to be forked by bench/src/api/run.ts');
  let closing = false;
  const exit = () => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(0), 2_000);
    force.unref();
    close().finally(() => process.exit(0));
  };
  let inspector: Session | undefined;
  process.on('message', (msg: ParentMessage) => {
    if (msg.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', user, system } satisfies ChildMessage);
    } else if (msg.type === 'profile-start') {
      // A V8 CPU profile of exactly the measured window (BENCH_PROFILE=1), not of startup and seeding.
      inspector = new Session();
      inspector.connect();
      void (async () => {
        await inspector.post('Profiler.enable');
        await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
        await inspector.post('Profiler.start');
        send({ type: 'profiling' } satisfies ChildMessage);
      })();
    } else if (msg.type === 'profile-stop' && inspector) {
      const session = inspector;
      void (async () => {
        const { profile } = await session.post('Profiler.stop');
        session.disconnect();
        fs.writeFileSync(msg.file, JSON.stringify(profile));
        send({ type: 'profiled', file: msg.file } satisfies ChildMessage);
      })();
    }
  });
  process.on('disconnect', exit);
  process.on('SIGTERM', exit);
  process.on('SIGINT', exit);
  if (process.connected) send({ type: 'listening', port } satisfies ChildMessage);
  else exit(); // the runner went away while this server was starting
}
