/**
 * Owns the benchmark's test database, in a process of its own: it creates it, reports its name and URL, and
 * drops it when told to, when the runner goes away (IPC disconnect, even after a SIGKILL: tsx's CLI kills its
 * child if it is slow to acknowledge a Ctrl-C), or on SIGTERM. Ctrl-C alone is left to the runner.
 */
import { createTestDatabase, type TestDatabase } from '@claude-scope/db/testing';

export type KeeperMessage = { type: 'database'; name: string; url: string } | { type: 'failed'; error: string };

const send = process.send?.bind(process);
if (!send) throw new Error('db-keeper is meant to be forked by the benchmark');

let db: TestDatabase | undefined;
let wanted = true;
let dropping: Promise<void> | undefined;
const drop = () => {
  wanted = false;
  if (!db) return; // still being created: dropped as soon as it exists
  dropping ??= db
    .drop()
    .catch((err: unknown) => console.error(`db-keeper: could not drop ${db?.name}:`, err))
    .finally(() => process.exit(0));
};

process.on('SIGINT', () => {}); // the whole process group gets Ctrl-C; the runner decides what happens
process.on('SIGTERM', drop);
process.on('disconnect', drop);
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'drop') drop();
});

try {
  db = await createTestDatabase();
  if (!wanted) drop();
  else send({ type: 'database', name: db.name, url: db.url } satisfies KeeperMessage);
} catch (err) {
  send({ type: 'failed', error: String(err) } satisfies KeeperMessage);
  process.exit(1);
}
