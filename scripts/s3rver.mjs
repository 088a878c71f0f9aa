// Local S3-compatible server for development and tests (MinIO takes this role under Docker).
import fs from 'node:fs';
import S3rver from 's3rver';

const port = Number(process.env.S3RVER_PORT ?? 4569);
const directory = process.env.S3RVER_DIR ?? '.data/s3';
const bucket = process.env.S3_BUCKET ?? 'claude-scope';
fs.mkdirSync(directory, { recursive: true });

const server = new S3rver({
  port,
  address: '127.0.0.1',
  directory,
  silent: true,
  configureBuckets: [{ name: bucket }],
});
await server.run();
console.log(`s3rver listening on http://127.0.0.1:${port} (bucket ${bucket}, data in ${directory})`);
const stop = () => server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
