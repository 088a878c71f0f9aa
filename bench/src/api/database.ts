import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeeperMessage } from './db-keeper.js';

export interface BenchDatabase {
  name: string;
  url: string;
}

export interface DatabaseHandle {
  /** The fresh migrated test database, once created. */
  ready: Promise<BenchDatabase>;
  /** Drops it (or makes sure it is dropped as soon as it exists) and waits for that; safe to call twice. */
  drop(): Promise<void>;
}

/** A fresh test database owned by a separate process (db-keeper.ts), so it is dropped however the runner ends. */
export function startDatabase(): DatabaseHandle {
  const keeper = fork(path.join(path.dirname(fileURLToPath(import.meta.url)), 'db-keeper.ts'), [], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((r) => keeper.once('exit', () => r()));
  const ready = new Promise<BenchDatabase>((resolve, reject) => {
    keeper.once('message', (msg: KeeperMessage) =>
      msg.type === 'database' ? resolve({ name: msg.name, url: msg.url }) : reject(new Error(`test database: ${msg.error}`)),
    );
    void exited.then(() => reject(new Error('the test database keeper exited')));
  });
  ready.catch(() => {}); // whoever awaits it sees the error; an unawaited failure must not crash cleanup
  let dropping: Promise<void> | undefined;
  return {
    ready,
    drop: () =>
      (dropping ??= (async () => {
        if (keeper.exitCode === null && keeper.signalCode === null) {
          if (keeper.connected) keeper.send({ type: 'drop' });
          else keeper.kill('SIGTERM');
        }
        const timer = setTimeout(() => console.error('bench: the test database keeper is slow to drop the database'), 15_000);
        await exited;
        clearTimeout(timer);
      })()),
  };
}
