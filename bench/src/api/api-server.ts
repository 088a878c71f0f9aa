/**
 * The real API, built by the same factory as services/api/src/server.ts, in its own process so the load
 * generator does not share its event loop. Configuration comes from the environment the runner sets.
 */
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { buildApp } from '@claude-scope/api/app';
import { loadApiConfig } from '@claude-scope/api/config';
import { serveParent } from './ipc.js';

const config = loadApiConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' });
const app = await buildApp({ config, redisNamespace: `bench-${randomBytes(4).toString('hex')}` });
await app.listen({ host: '127.0.0.1', port: 0 });
serveParent((app.server.address() as AddressInfo).port, () => app.close());
