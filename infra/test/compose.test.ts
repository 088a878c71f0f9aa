import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isKnownDefaultSecret, KNOWN_DEFAULT_SECRETS } from '@claude-scope/config';
import { apiConfigSpec } from '@claude-scope/api/config';
import { workerConfigSpec } from '@claude-scope/worker/config';

// No Docker engine here: the compose file and Dockerfile are kept correct by reading them.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const composeText = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true });
const envExample = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
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
  });

  it('takes every secret from .env, stopping with the variable named while one is missing', () => {
    const secrets = { api: ['JWT_SECRET', 'S3_SECRET_ACCESS_KEY'], worker: ['S3_SECRET_ACCESS_KEY'], postgres: ['POSTGRES_PASSWORD'], minio: ['MINIO_ROOT_PASSWORD'], 'minio-bucket': ['MINIO_ROOT_PASSWORD'] };
    const fromEnvFile = /^\$\{(\w+):\?set \1 in \.env \(see \.env\.example\)\}$/;
    for (const [service, names] of Object.entries(secrets)) {
      for (const name of names) expect(compose.services[service].environment[name], `${service}: ${name}`).toMatch(fromEnvFile);
    }
    // The database password is inside the URL.
    expect(compose.services.api.environment.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env');
    // .env.example names each variable compose requires, with no secret filled in; .env itself is never committed or sent to a build.
    const required = new Set([...composeText.matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]!));
    const example = Object.fromEntries([...envExample.matchAll(/^(\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(Object.keys(example).sort()).toEqual([...required].sort());
    for (const name of ['JWT_SECRET', 'POSTGRES_PASSWORD', 'MINIO_ROOT_PASSWORD']) expect(example[name], name).toBe('');
    expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
    expect(fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')).toMatch(/^\.env$/m);
  });

  it('ships no well-known secret, and publishes only the API (not MinIO, Postgres or Redis)', () => {
    for (const s of KNOWN_DEFAULT_SECRETS.filter((x) => x.length >= 8)) {
      expect(composeText.includes(s) && !['claude-scope', 'claude_scope'].includes(s), `docker-compose.yml contains "${s}"`).toBe(false);
    }
    for (const [name, service] of Object.entries(compose.services as Record<string, { environment?: Record<string, string> }>)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/SECRET|PASSWORD|TOKEN/.test(key) && !String(value).startsWith('${')) expect(isKnownDefaultSecret(String(value)), `${name}: ${key}`).toBe(false);
      }
    }
    const published = Object.entries(compose.services as Record<string, { ports?: unknown[] }>).filter(([, s]) => s.ports?.length).map(([n]) => n);
    expect(published).toEqual(['api']);
    expect(composeText).not.toMatch(/^\s*ports:.*9001/m);
  });

  it('runs the workers under a seccomp profile that lets Chromium sandbox itself', () => {
    const opts: string[] = compose.services.worker.security_opt;
    const file = /^seccomp=(.+)$/.exec(opts.find((o) => o.startsWith('seccomp=')) ?? '')?.[1];
    expect(file).toBe('infra/seccomp/chromium.json');
    const profile = JSON.parse(fs.readFileSync(path.join(ROOT, file!), 'utf8'));
    const denied = new Set<string>(profile.syscalls.filter((r: { action: string }) => r.action !== 'SCMP_ACT_ALLOW').flatMap((r: { names: string[] }) => r.names));
    // What Chromium's namespace sandbox needs as an unprivileged user…
    for (const call of ['clone', 'clone3', 'unshare', 'setns', 'chroot', 'seccomp', 'prctl']) expect(denied.has(call), call).toBe(false);
    // …and what no one in this container needs.
    for (const call of ['bpf', 'keyctl', 'userfaultfd', 'perf_event_open', 'kexec_load', 'init_module', 'mount']) expect(denied.has(call), call).toBe(true);
    expect(compose.services.worker.environment.CHROMIUM_NO_SANDBOX).toBeUndefined();
    // The worker image runs as a non-root user and never turns the sandbox off.
    const workerStage = dockerfile.split(/^(?=FROM )/m).find((s) => /^FROM \S+ AS worker$/m.test(s))!;
    expect(workerStage).toMatch(/^USER node$/m);
    expect(workerStage).not.toMatch(/CHROMIUM_NO_SANDBOX\s*=\s*(true|1)|--no-sandbox/);
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
    // Each program's src/config.ts is its config module; test and tooling entry points (test databases, the
    // migrate CLI, the recording generator) are not services.
    const allowed = new Set(['packages/config/src/index.ts', 'services/api/src/config.ts', 'services/worker/src/config.ts', 'packages/db/src/testing.ts', 'packages/db/src/migrate-cli.ts']);
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(rel);
        else if (/\.tsx?$/.test(e.name) && !allowed.has(rel) && !rel.endsWith('/src/config.ts') && /\bprocess\.env\b/.test(fs.readFileSync(path.join(ROOT, rel), 'utf8'))) offenders.push(rel);
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
  it('tells Docker users to create .env from .env.example, and links the security policy', () => {
    expect(readme).toContain('cp .env.example .env');
    expect(readme).toContain('[SECURITY.md](SECURITY.md)');
    expect(fs.existsSync(path.join(ROOT, 'SECURITY.md'))).toBe(true);
  });
  it('gives the two commands, and CI runs the test one', () => {
    expect(readme).toContain('`make dev`');
    expect(readme).toContain('`make test`');
    expect(fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8')).toMatch(/^make test$/m);
  });
});
