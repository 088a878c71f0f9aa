/** The floor: a bare Fastify server with one constant-JSON route, no plugins, no logging. */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { serveParent } from './ipc.js';

const app = Fastify({ logger: false });
app.get('/bare', async () => ({ ok: true, service: 'claude-scope', version: 1 }));
await app.listen({ host: '127.0.0.1', port: 0 });
serveParent((app.server.address() as AddressInfo).port, () => app.close());
