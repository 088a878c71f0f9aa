import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apiConfigSpec } from '@claude-scope/api/config';
import { workerConfigSpec } from '@claude-scope/worker/config';

// No Docker engine here: the compose file and Dockerfile are kept correct by reading them.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const dockerfile = fs.readFileSync(path.join(ROOT, 'infra/docker/Dockerfile'), 'utf8');

const required = (spec: Record<string, { default?: unknown }>) => Object.entries(spec).filter(([, v]) => !('default' in v)).map(([k]) => k);

describe('docker-compose.yml', () => {
  it('runs the whole stack: Postgres, Redis, MinIO with its bucket, a one-shot migration, the API and workers', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'minio', 'minio-bucket', 'postgres', 'redis', 'worker']);
    expect(compose.services.redis.command.join(' ')).toContain('--maxmemory-policy noeviction');
    expect(compose.services.redis.command.join(' ')).toContain('--appendonly yes');
    expect(compose.services['minio-bucket'].command.join(' ')).toContain('mc mb --ignore-existing local/claude-scope');
    expect(compose.services.migrate.restart).toBe('no');
    expect(compose.services.api.depends_on.migrate.condition).toBe('service_completed_successfully');
    expect(compose.services.worker.deploy.replicas).toBe(2);
  });

  it('sets every variable the API and worker require, and only variables they know', () => {
    for (const [service, spec] of [['api', apiConfigSpec], ['worker', workerConfigSpec], ['migrate', apiConfigSpec]] as const) {
      const env = compose.services[service].environment as Record<string, string>;
      for (const name of required(spec)) {
        if (service === 'migrate' && name !== 'DATABASE_URL') continue;
        expect(env[name], `${service} needs ${name}`).toBeDefined();
      }
      for (const name of Object.keys(env)) expect(Object.keys(spec), `${service}: unknown variable ${name}`).toContain(name);
    }
    expect(compose.services.api.environment.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('points at Dockerfile targets that exist, and commands at files the build produces', () => {
    const targets = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    for (const s of ['api', 'worker', 'migrate']) expect(targets).toContain(compose.services[s].build.target);
    expect(dockerfile).toMatch(/^USER node$/m); // non-root
    expect(fs.existsSync(path.join(ROOT, 'services/api/src/server.ts'))).toBe(true); // → dist/server.js
    expect(fs.existsSync(path.join(ROOT, 'services/worker/src/main.ts'))).toBe(true); // → dist/main.js
    expect(compose.services.migrate.command.join(' ')).toBe('node node_modules/@claude-scope/db/dist/migrate-cli.js');
    expect(fs.existsSync(path.join(ROOT, 'packages/db/src/migrate-cli.ts'))).toBe(true);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends chromium ffmpeg/);
  });

  it('gives workers a stop grace period longer than their shutdown grace', () => {
    const grace = Number(compose.services.worker.environment.WORKER_SHUTDOWN_GRACE_MS);
    const [, m] = /^(\d+)m$/.exec(compose.services.worker.stop_grace_period)!;
    expect(Number(m) * 60_000).toBeGreaterThan(grace);
  });
});

describe('README', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  it('documents every environment variable the services read', () => {
    for (const name of [...Object.keys(apiConfigSpec), ...Object.keys(workerConfigSpec)]) {
      const documented = readme.includes(`\`${name}\``) || (name.startsWith('S3_') && readme.includes('`S3_*`')) ||
                (name.startsWith('ADMIN_') && readme.includes('`ADMIN_USER` / `ADMIN_PASSWORD`'));
      expect(documented, name).toBe(true);
    }
  });
  it('documents the video settings the worker passes to packages/video', () => {
    for (const name of ['VIDEO_FFMPEG_CONCURRENCY', 'VIDEO_SHARP_CONCURRENCY', 'FFMPEG_PATH', 'FFPROBE_PATH']) {
      expect(Object.keys(workerConfigSpec), name).toContain(name);
      expect(readme, name).toContain(`\`${name}\``);
    }
  });
  it('reads the environment only in the typed config modules, so the tables above list every variable', () => {
    // Test and tooling entry points (test databases, the migrate CLI, the recording generator) are not services.
    const allowed = new Set(['packages/config/src/index.ts', 'services/api/src/config.ts', 'services/worker/src/config.ts', 'packages/db/src/testing.ts', 'packages/db/src/migrate-cli.ts']);
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(rel);
        else if (/\.tsx?$/.test(e.name) && !allowed.has(rel) && /\bprocess\.env\b/.test(fs.readFileSync(path.join(ROOT, rel), 'utf8'))) offenders.push(rel);
      }
    };
    for (const group of ['packages', 'services']) {
      for (const pkg of fs.readdirSync(path.join(ROOT, group))) {
        if (pkg === 'testkit' || !fs.existsSync(path.join(ROOT, group, pkg, 'src'))) continue;
        walk(`${group}/${pkg}/src`);
      }
    }
    expect(offenders).toEqual([]);
  });
  it('gives the two commands, and CI runs the test one', () => {
    expect(readme).toContain('`make dev`');
    expect(readme).toContain('`make test`');
    expect(fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8')).toMatch(/^make test$/m);
  });
});
