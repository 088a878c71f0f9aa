import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { isKnownDefaultSecret } from '@claude-scope/config';
import { apiConfigSpec } from '@claude-scope/api/config';
import { workerConfigSpec } from '@claude-scope/worker/config';
import { JOB_NAMES, JOBS, type JobName } from '@claude-scope/pipeline';

// No cluster here: the manifests and the dashboard are kept correct by reading them against the code.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const K8S = path.join(ROOT, 'infra/k8s');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

// Manifests are untyped YAML.
type Obj = Record<string, any>;
type Spec = Record<string, { default?: unknown; parse(raw: string): unknown }>;

const yamlFiles = fs.readdirSync(K8S).filter((f) => /\.ya?ml$/.test(f)).sort();
const manifestFiles = yamlFiles.filter((f) => f !== 'kustomization.yaml');
const parsed = yamlFiles.map((file) => ({ file, docs: parseAllDocuments(fs.readFileSync(path.join(K8S, file), 'utf8')) }));
const objects: (Obj & { file: string })[] = parsed
  .filter(({ file }) => file !== 'kustomization.yaml')
  .flatMap(({ file, docs }) => docs.map((d) => d.toJS() as Obj | null).filter((o): o is Obj => o != null).map((o) => ({ ...o, file })));
const kustomization = parse(fs.readFileSync(path.join(K8S, 'kustomization.yaml'), 'utf8')) as Obj;

const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const one = (kind: string, name: string) => {
  const found = objects.filter((o) => o.kind === kind && o.metadata?.name === name);
  expect(found, `${kind}/${name}`).toHaveLength(1);
  return found[0]!;
};
const deployments = ofKind('Deployment');
const workloads = [...deployments, ...ofKind('Job')];
const podSpec = (w: Obj): Obj => w.spec.template.spec;
const containersOf = (w: Obj): Obj[] => [...(podSpec(w).initContainers ?? []), ...podSpec(w).containers];
const imageName = (image: string) => image.replace(/[:@].*$/, '').split('/').pop()!;
const workerDeployments = deployments.filter((d) => podSpec(d).containers.some((c: Obj) => imageName(c.image) === 'claude-scope-worker'));
const apiDeployment = () => one('Deployment', 'api');
const container = (w: Obj) => {
  expect(podSpec(w).containers, `${w.metadata.name}: one container`).toHaveLength(1);
  return podSpec(w).containers[0] as Obj;
};

const configMap = (name: string) => one('ConfigMap', name).data as Record<string, string>;
const secretKeys = (name: string) => {
  const s = one('Secret', name);
  return { ...(s.data ?? {}), ...(s.stringData ?? {}) } as Record<string, string>;
};

/** Every variable a container gets, with its literal value where it has one (envFrom expanded). */
function envOf(c: Obj): Map<string, { value?: string; from: string }> {
  const env = new Map<string, { value?: string; from: string }>();
  for (const src of c.envFrom ?? []) {
    if (src.configMapRef) for (const [k, v] of Object.entries(configMap(src.configMapRef.name))) env.set(k, { value: v, from: `ConfigMap ${src.configMapRef.name}` });
    else if (src.secretRef) for (const k of Object.keys(secretKeys(src.secretRef.name))) env.set(k, { from: `Secret ${src.secretRef.name}` });
    else throw new Error(`unsupported envFrom ${JSON.stringify(src)}`);
  }
  for (const e of c.env ?? []) {
    if ('value' in e) env.set(e.name, { value: e.value, from: 'literal' });
    else if (e.valueFrom?.secretKeyRef) {
      const ref = e.valueFrom.secretKeyRef;
      expect(Object.keys(secretKeys(ref.name)), `${e.name}: key ${ref.key} of Secret ${ref.name}`).toContain(ref.key);
      env.set(e.name, { from: `Secret ${ref.name}` });
    } else if (e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.configMapKeyRef;
      env.set(e.name, { value: configMap(ref.name)[ref.key], from: `ConfigMap ${ref.name}` });
    } else throw new Error(`unsupported env source for ${e.name}`);
  }
  return env;
}

const required = (spec: Spec) => Object.entries(spec).filter(([, v]) => !('default' in v)).map(([k]) => k);
/** Being added to the services right now; allowed in the manifests, and nothing else beyond the specs. */
const EXTRA_VARS = ['METRICS_TOKEN', 'ADMIN_USER', 'ADMIN_PASSWORD'];
const apiVars = [...Object.keys(apiConfigSpec), ...EXTRA_VARS];
const workerVars = [...Object.keys(workerConfigSpec), ...EXTRA_VARS];
const specVar = (name: string) => (apiConfigSpec as unknown as Spec)[name] ?? (workerConfigSpec as unknown as Spec)[name];

const queueOf = (d: Obj) => d.metadata.name.replace(/^worker-/, '') as JobName;
const literal = (d: Obj, name: string) => envOf(container(d)).get(name)?.value;
const intVar = (d: Obj, spec: Spec, name: string) => Number(literal(d, name) ?? spec[name]!.default);

/** A container port by name or number. */
function portOf(c: Obj, port: string | number): number {
  if (typeof port === 'number') return port;
  const p = (c.ports ?? []).find((x: Obj) => x.name === port);
  expect(p, `named port ${port}`).toBeDefined();
  return p.containerPort;
}
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('infra/k8s manifests', () => {
  it('every YAML file parses into Kubernetes objects', () => {
    expect(manifestFiles.length).toBeGreaterThan(0);
    for (const { file, docs } of parsed) {
      for (const d of docs) expect(d.errors.map((e) => e.message), file).toEqual([]);
    }
    for (const o of objects) {
      expect(o.apiVersion, o.file).toEqual(expect.any(String));
      expect(o.kind, o.file).toEqual(expect.any(String));
      expect(o.metadata?.name, o.file).toEqual(expect.any(String));
    }
    const ids = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(ids).size, 'no object defined twice').toBe(ids.length);
  });

  it('kustomization lists exactly the manifest files, in namespace claude-scope', () => {
    expect([...kustomization.resources].sort()).toEqual(manifestFiles);
    expect(kustomization.namespace).toBe('claude-scope');
    one('Namespace', 'claude-scope');
    for (const o of objects.filter((x) => x.kind !== 'Namespace')) expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe('claude-scope');
    const images = new Set(workloads.flatMap(containersOf).map((c) => imageName(c.image)));
    expect(new Set(kustomization.images.map((i: Obj) => i.name))).toEqual(images);
  });

  it('shares only variables both services read in the ConfigMap, with values they accept', () => {
    for (const [name, value] of Object.entries(configMap('claude-scope-config'))) {
      expect(Object.keys(apiConfigSpec), `ConfigMap: ${name} (API)`).toContain(name);
      expect(Object.keys(workerConfigSpec), `ConfigMap: ${name} (worker)`).toContain(name);
      expect(typeof value, name).toBe('string');
      if (value !== '') expect(() => specVar(name)!.parse(value), `${name}=${value}`).not.toThrow();
    }
  });

  it('keeps secrets in a Secret whose placeholders the services refuse to start with', () => {
    const secret = secretKeys('claude-scope-secrets');
    expect(Object.keys(secret).sort()).toEqual(['DATABASE_URL', 'JWT_SECRET', 'REDIS_URL', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']);
    // A template applied as is must not run with a known JWT secret or a made-up database.
    for (const name of ['JWT_SECRET', 'DATABASE_URL', 'REDIS_URL']) expect(() => specVar(name)!.parse(secret[name]!), name).toThrow();
    // The credentials too: production (the ConfigMap's NODE_ENV) refuses the template's placeholders.
    expect(configMap('claude-scope-config').NODE_ENV).toBe('production');
    for (const name of ['JWT_SECRET', 'S3_SECRET_ACCESS_KEY']) expect(isKnownDefaultSecret(secret[name]!), name).toBe(true);
    const text = read('infra/k8s/secret.yaml') + read('infra/k8s/kustomization.yaml');
    expect(text).toMatch(/external/i); // Postgres, Redis and S3 are not run here, and the files say so
  });

  it('sets only variables the services know, each to a value they accept', () => {
    const allKnown = new Set([...apiVars, ...workerVars]);
    for (const o of [...ofKind('ConfigMap'), ...ofKind('Secret')]) {
      for (const k of Object.keys({ ...o.data, ...o.stringData })) expect(allKnown.has(k), `${o.kind}/${o.metadata.name}: unknown ${k}`).toBe(true);
    }
    for (const w of workloads) {
      const img = imageName(container(w).image);
      const known = w.kind === 'Job' ? ['DATABASE_URL'] : img === 'claude-scope-api' ? apiVars : workerVars;
      for (const [name, { value }] of envOf(container(w))) {
        expect(known, `${w.kind}/${w.metadata.name}: unknown variable ${name}`).toContain(name);
        if (value === undefined) continue;
        expect(typeof value, `${w.metadata.name}: ${name} must be a string`).toBe('string');
        const v = specVar(name);
        if (v && value !== '') expect(() => v.parse(value), `${w.metadata.name}: ${name}=${value}`).not.toThrow();
      }
    }
  });

  it('gives the API, each worker and the migration every variable they require', () => {
    const api = envOf(container(apiDeployment()));
    for (const name of required(apiConfigSpec as unknown as Spec)) expect(api.has(name), `api needs ${name}`).toBe(true);
    expect(workerDeployments.length).toBeGreaterThan(0);
    for (const d of workerDeployments) {
      const env = envOf(container(d));
      for (const name of required(workerConfigSpec as unknown as Spec)) expect(env.has(name), `${d.metadata.name} needs ${name}`).toBe(true);
      expect(env.has('JWT_SECRET'), `${d.metadata.name} does not need the JWT secret`).toBe(false);
    }
    expect(envOf(container(one('Job', 'claude-scope-migrate'))).has('DATABASE_URL')).toBe(true);
  });

  it('keeps the Playwright lane\'s Chromium sandboxed, under a seccomp profile that allows its sandbox', () => {
    for (const d of workerDeployments) {
      const env = envOf(container(d));
      expect(env.get('CHROMIUM_NO_SANDBOX')?.value ?? 'false', `${d.metadata.name}: CHROMIUM_NO_SANDBOX`).toBe('false');
    }
    const browserPod = workerDeployments.find((d) => queueOf(d) === 'playwright')!;
    const c = container(browserPod);
    expect(podSpec(browserPod).securityContext).toMatchObject({ runAsNonRoot: true });
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(c.securityContext.capabilities.add ?? []).toEqual([]); // no SYS_ADMIN: user namespaces instead
    expect(c.securityContext.seccompProfile).toEqual({ type: 'Localhost', localhostProfile: 'claude-scope/chromium.json' });
    expect(fs.existsSync(path.join(ROOT, 'infra/seccomp/chromium.json'))).toBe(true);
    // Every other workload keeps the runtime's default profile.
    for (const w of workloads.filter((x) => x !== browserPod)) {
      expect(podSpec(w).securityContext?.seccompProfile, `${w.kind}/${w.metadata.name}`).toEqual({ type: 'RuntimeDefault' });
      for (const x of containersOf(w)) expect(x.securityContext?.seccompProfile, `${w.metadata.name}`).toBeUndefined();
    }
  });

  it('runs one worker Deployment per queue, consuming exactly that queue', () => {
    expect(workerDeployments.map((d) => d.metadata.name).sort()).toEqual(JOB_NAMES.map((q) => `worker-${q}`).sort());
    for (const d of workerDeployments) {
      const q = queueOf(d);
      expect(literal(d, 'WORKER_QUEUES'), d.metadata.name).toBe(q);
      expect(workerConfigSpec.WORKER_QUEUES.parse(literal(d, 'WORKER_QUEUES')!)).toEqual([q]);
      // Concurrency is set for its own lane only.
      for (const other of JOB_NAMES.filter((n) => n !== q)) expect(envOf(container(d)).has(`WORKER_CONCURRENCY_${other.toUpperCase()}`), d.metadata.name).toBe(false);
    }
  });

  it('lets each worker finish its longest job before Kubernetes kills it', () => {
    for (const d of workerDeployments) {
      const q = queueOf(d);
      const timeoutMs = JOBS[q].timeoutMs;
      const graceMs = intVar(d, workerConfigSpec as unknown as Spec, 'WORKER_SHUTDOWN_GRACE_MS');
      const killMs = podSpec(d).terminationGracePeriodSeconds * 1000;
      expect(literal(d, 'WORKER_SHUTDOWN_GRACE_MS'), `${d.metadata.name} sets WORKER_SHUTDOWN_GRACE_MS`).toBeDefined();
      expect(killMs, `${d.metadata.name}: terminationGracePeriodSeconds > ${q} timeout`).toBeGreaterThan(timeoutMs);
      expect(killMs, `${d.metadata.name}: terminationGracePeriodSeconds > WORKER_SHUTDOWN_GRACE_MS`).toBeGreaterThan(graceMs);
      expect(killMs - graceMs, `${d.metadata.name}: time to exit cleanly after the grace`).toBeGreaterThanOrEqual(10_000);
      expect(graceMs, `${d.metadata.name}: a job in flight gets its whole timeout`).toBeGreaterThanOrEqual(timeoutMs);
    }
  });

  it('probes workers on GET /health and scrapes GET /metrics on the same port', () => {
    for (const d of workerDeployments) {
      const c = container(d);
      const port = intVar(d, workerConfigSpec as unknown as Spec, 'WORKER_HEALTH_PORT');
      expect(port).toBe(9464);
      for (const probe of ['livenessProbe', 'readinessProbe'] as const) {
        expect(c[probe]?.httpGet?.path, `${d.metadata.name} ${probe}`).toBe('/health');
        expect(portOf(c, c[probe].httpGet.port), `${d.metadata.name} ${probe} port`).toBe(port);
      }
      expect(d.spec.template.metadata.annotations['prometheus.io/port']).toBe(String(port));
    }
  });

  it('sizes workers for their lane: resources, a /tmp emptyDir, and shared memory for Chromium', () => {
    for (const d of workerDeployments) {
      const c = container(d);
      const mounts = new Map((c.volumeMounts ?? []).map((m: Obj) => [m.mountPath, m.name]));
      const volume = (mountPath: string) => podSpec(d).volumes.find((v: Obj) => v.name === mounts.get(mountPath));
      const tmpDir = literal(d, 'WORKER_TMP_DIR') ?? '/tmp';
      expect(volume(tmpDir)?.emptyDir, `${d.metadata.name}: WORKER_TMP_DIR on an emptyDir`).toBeDefined();
      if (queueOf(d) === 'playwright') expect(volume('/dev/shm')?.emptyDir?.medium, '/dev/shm in memory').toBe('Memory');
    }
    const mem = (d: Obj) => c2bytes(container(d).resources.requests.memory);
    const byQueue = Object.fromEntries(workerDeployments.map((d) => [queueOf(d), d]));
    // ffmpeg and Chromium need more than the Node-only synthesis step.
    expect(mem(byQueue.video!)).toBeGreaterThan(mem(byQueue.synthesize!));
    expect(mem(byQueue.playwright!)).toBeGreaterThan(mem(byQueue.synthesize!));
  });

  it('scales each worker with KEDA on waiting, prioritized and delayed jobs of its own queue, from Prometheus', () => {
    const scaled = ofKind('ScaledObject');
    for (const d of workerDeployments) {
      const q = queueOf(d);
      const so = scaled.filter((s) => s.spec.scaleTargetRef.name === d.metadata.name);
      expect(so, `${d.metadata.name}: one ScaledObject`).toHaveLength(1);
      const { spec } = so[0]!;
      expect(spec.scaleTargetRef.kind ?? 'Deployment').toBe('Deployment');
      expect(spec.triggers).toHaveLength(1);
      const [trigger] = spec.triggers;
      expect(trigger.type).toBe('prometheus');
      const query: string = trigger.metadata.query;
      expect(trigger.metadata.serverAddress).toMatch(/^https?:\/\//);
      const selectors = promqlSelectors(query);
      expect(selectors.map((s) => s.metric)).toEqual(['bullmq_job_count']);
      const m = Object.fromEntries(selectors[0]!.matchers.map((x) => [x.label, x]));
      expect(m.queue, query).toMatchObject({ op: '=', value: q });
      expect(m.state?.op, query).toBe('=~');
      expect(m.state!.value.split('|').sort()).toEqual(['delayed', 'prioritized', 'waiting']);
      expect(Number(trigger.metadata.threshold)).toBeGreaterThan(0);
      expect(spec.minReplicaCount).toBeGreaterThanOrEqual(0);
      expect(spec.maxReplicaCount).toBeGreaterThan(Math.max(1, spec.minReplicaCount));
      expect(spec.cooldownPeriod).toBeGreaterThan(0);
      // KEDA owns the replica count: no replicas field to fight it, no second autoscaler.
      expect(d.spec.replicas, d.metadata.name).toBeUndefined();
      expect(ofKind('HorizontalPodAutoscaler').filter((h) => h.spec.scaleTargetRef.name === d.metadata.name)).toEqual([]);
    }
    expect(scaled).toHaveLength(workerDeployments.length);
  });

  it('serves the API on port 3000 with readiness /api/ready, liveness /api/health, a Service and a CPU autoscaler', () => {
    const d = apiDeployment();
    const c = container(d);
    expect(imageName(c.image)).toBe('claude-scope-api');
    const port = Number(literal(d, 'PORT') ?? apiConfigSpec.PORT.default);
    expect(port).toBe(3000);
    expect(c.ports.map((p: Obj) => p.containerPort)).toContain(port);
    expect(c.readinessProbe.httpGet.path).toBe('/api/ready');
    expect(c.livenessProbe.httpGet.path).toBe('/api/health');
    for (const probe of [c.readinessProbe, c.livenessProbe]) expect(portOf(c, probe.httpGet.port)).toBe(port);
    expect(d.spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/port': String(port), 'prometheus.io/path': '/metrics' });
    // /metrics is open unless METRICS_TOKEN is set; annotation scraping cannot send a token.
    expect(envOf(c).has('METRICS_TOKEN')).toBe(false);

    const svc = one('Service', 'api');
    expect(matches(svc.spec.selector, d.spec.template.metadata.labels)).toBe(true);
    for (const p of svc.spec.ports) expect(portOf(c, p.targetPort ?? p.port)).toBe(port);

    const hpa = one('HorizontalPodAutoscaler', 'api');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'api' });
    expect(hpa.spec.metrics.map((m: Obj) => m.resource?.name)).toContain('cpu');
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(d.spec.replicas).toBeUndefined();
  });

  it('has a PodDisruptionBudget for every Deployment, each selecting an existing one', () => {
    const pdbs = ofKind('PodDisruptionBudget');
    for (const pdb of pdbs) {
      const selected = deployments.filter((d) => matches(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels));
      expect(selected.map((d) => d.metadata.name), `PDB ${pdb.metadata.name}`).toHaveLength(1);
      expect(pdb.spec.minAvailable ?? pdb.spec.maxUnavailable, `PDB ${pdb.metadata.name}`).toBeDefined();
    }
    for (const d of deployments) {
      expect(pdbs.filter((p) => matches(p.spec.selector.matchLabels, d.spec.template.metadata.labels)), d.metadata.name).toHaveLength(1);
      // Deployment selectors must match their own pods, and only theirs.
      expect(matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
      for (const other of deployments.filter((x) => x !== d)) expect(matches(d.spec.selector.matchLabels, other.spec.template.metadata.labels)).toBe(false);
    }
  });

  it('runs every pod as non-root with a read-only root filesystem, resources and a writable /tmp', () => {
    for (const w of workloads) {
      const pod = podSpec(w);
      const name = `${w.kind}/${w.metadata.name}`;
      // USER node is a name: the kubelet can only enforce runAsNonRoot with a numeric uid.
      expect(pod.securityContext?.runAsNonRoot, name).toBe(true);
      expect(pod.securityContext?.runAsUser, name).toEqual(expect.any(Number));
      expect(pod.securityContext.runAsUser, name).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken, name).toBe(false);
      const volumes = new Set((pod.volumes ?? []).map((v: Obj) => v.name));
      for (const c of containersOf(w)) {
        expect(c.securityContext, name).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
        expect(c.securityContext.capabilities?.drop, name).toContain('ALL');
        for (const kind of ['requests', 'limits']) {
          expect(c.resources?.[kind]?.cpu, `${name} ${kind}.cpu`).toBeDefined();
          expect(c.resources?.[kind]?.memory, `${name} ${kind}.memory`).toBeDefined();
        }
        expect(c2bytes(c.resources.limits.memory)).toBeGreaterThanOrEqual(c2bytes(c.resources.requests.memory));
        for (const m of c.volumeMounts ?? []) expect(volumes.has(m.name), `${name}: volume ${m.name}`).toBe(true);
        const tmp = (c.volumeMounts ?? []).find((m: Obj) => m.mountPath === '/tmp');
        expect(pod.volumes.find((v: Obj) => v.name === tmp?.name)?.emptyDir, `${name}: /tmp emptyDir`).toBeDefined();
      }
    }
  });

  it('annotates every Deployment for Prometheus scraping of /metrics on a port it exposes', () => {
    for (const d of deployments) {
      const a = d.spec.template.metadata.annotations ?? {};
      expect(a['prometheus.io/scrape'], d.metadata.name).toBe('true');
      expect(a['prometheus.io/path'], d.metadata.name).toBe('/metrics');
      expect(container(d).ports.map((p: Obj) => String(p.containerPort)), d.metadata.name).toContain(a['prometheus.io/port']);
    }
  });

  it('uses the Dockerfile targets as images, and commands the images contain', () => {
    const dockerfile = read('infra/docker/Dockerfile');
    const stages = new Map<string, string>();
    for (const chunk of dockerfile.split(/^(?=FROM )/m).filter((s) => s.startsWith('FROM '))) {
      const target = /^FROM \S+ AS (\S+)$/m.exec(chunk)?.[1];
      if (target) stages.set(target, chunk);
    }
    expect([...stages.keys()]).toEqual(expect.arrayContaining(['api', 'worker']));
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:/m); // the `node` user is uid 1000 in these images
    const migrate = ['node', 'node_modules/@claude-scope/db/dist/migrate-cli.js'];
    for (const w of workloads) {
      for (const c of containersOf(w)) {
        const name = `${w.kind}/${w.metadata.name}`;
        const target = /^claude-scope-(.+)$/.exec(imageName(c.image))?.[1];
        expect(target && stages.has(target), `${name}: image ${c.image} is a Dockerfile target`).toBe(true);
        const stage = stages.get(target!)!;
        expect(stage, `${name}: ${target} runs as node`).toMatch(/^USER node$/m);
        expect(stage, `${name}: commands are relative to /app`).toMatch(/^WORKDIR \/app$/m);
        expect(c.workingDir ?? '/app').toBe('/app');
        const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(stage)![1]!) as string[];
        const command = [...(c.command ?? cmd), ...(c.args ?? [])];
        if (w.kind === 'Job') expect(command, name).toEqual(migrate);
        else expect(command, name).toEqual(cmd);
        if (target === 'worker') expect(stage).toMatch(/EXPOSE 9464/);
        if (target === 'api') expect(stage).toMatch(/EXPOSE 3000/);
      }
    }
    // The migration runs from the api image: the db package is deployed with it and has the CLI.
    const apiPkg = JSON.parse(read('services/api/package.json'));
    expect(apiPkg.dependencies['@claude-scope/db']).toBeDefined();
    expect(fs.existsSync(path.join(ROOT, 'packages/db/src/migrate-cli.ts'))).toBe(true);
    expect(imageName(container(one('Job', 'claude-scope-migrate')).image)).toBe('claude-scope-api');
  });

  it('keeps peak Postgres connections within the budget the kustomization states', () => {
    const maxReplicas = (d: Obj) =>
      ofKind('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === d.metadata.name)?.spec.maxReplicas ??
      ofKind('ScaledObject').find((s) => s.spec.scaleTargetRef.name === d.metadata.name)?.spec.maxReplicaCount;
    let total = 0;
    for (const d of deployments) {
      const spec = (imageName(container(d).image) === 'claude-scope-api' ? apiConfigSpec : workerConfigSpec) as unknown as Spec;
      total += maxReplicas(d) * intVar(d, spec, 'DATABASE_POOL_MAX');
    }
    expect(read('infra/k8s/kustomization.yaml')).toContain(`= ${total}:`);
    expect(total).toBeLessThanOrEqual(150);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The metrics contract with services/api and services/worker (GET /metrics).
const METRICS: Record<string, { type: 'histogram' | 'gauge' | 'counter'; labels: Record<string, readonly string[] | null> }> = {
  http_request_duration_seconds: { type: 'histogram', labels: { method: null, route: null, status_code: null } },
  bullmq_job_count: {
    type: 'gauge',
    labels: { queue: JOB_NAMES, state: ['waiting', 'prioritized', 'delayed', 'active', 'waiting-children', 'completed', 'failed'] },
  },
  claude_scope_lane_duration_seconds: { type: 'histogram', labels: { lane: JOB_NAMES, outcome: null } },
  claude_scope_jobs_total: { type: 'counter', labels: { queue: JOB_NAMES, outcome: ['completed', 'failed', 'retried'] } },
  claude_scope_worker_concurrency: { type: 'gauge', labels: { queue: JOB_NAMES } },
};
/** Series name as scraped → its metric (histograms expose _bucket, _sum and _count). */
const SERIES = new Map<string, string>(
  Object.entries(METRICS).flatMap(([name, m]) =>
    m.type === 'histogram' ? ['_bucket', '_sum', '_count'].map((s) => [name + s, name] as [string, string]) : [[name, name] as [string, string]],
  ),
);
const PROMQL_FUNCTIONS = new Set([
  'sum', 'avg', 'min', 'max', 'count', 'topk', 'bottomk', 'quantile', 'stddev', 'stdvar', 'group', 'count_values',
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'histogram_quantile', 'clamp_min', 'clamp_max', 'clamp',
  'abs', 'ceil', 'floor', 'round', 'vector', 'scalar', 'time', 'sort', 'sort_desc', 'label_replace', 'label_join',
  'avg_over_time', 'max_over_time', 'min_over_time', 'sum_over_time', 'count_over_time', 'last_over_time', 'absent', 'changes', 'resets',
]);
const PROMQL_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset']);

interface Selector { metric: string; matchers: { label: string; op: string; value: string }[] }

/** The vector selectors of a PromQL expression (metric name + label matchers); throws on what it cannot read. */
function promqlSelectors(expr: string): Selector[] {
  const out: Selector[] = [];
  const re = /"(?:[^"\\]|\\.)*"|\[[^\]]*\]|[a-zA-Z_:][a-zA-Z0-9_:]*|\{|\(|\)|\}|,|[0-9.]+(?:e[+-]?\d+)?|[-+*/^%]|=~|!~|[=!<>]=?|\s+/gy;
  const tokens = [...expr.matchAll(re)].map((m) => m[0]).filter((t) => !/^\s+$/.test(t));
  expect(tokens.join(''), `tokenizable: ${expr}`).toBe(expr.replace(/\s+/g, ''));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!/^[a-zA-Z_:]/.test(t)) continue;
    const next = tokens[i + 1];
    if (PROMQL_KEYWORDS.has(t)) {
      if (next === '(') while (tokens[i] !== ')') i++; // grouping labels
      continue;
    }
    if (next === '(' || next === 'by' || next === 'without') {
      expect(PROMQL_FUNCTIONS.has(t), `function ${t} in ${expr}`).toBe(true);
      continue;
    }
    const sel: Selector = { metric: t, matchers: [] };
    if (next === '{') {
      i += 2;
      while (tokens[i] !== '}') {
        if (tokens[i] === ',') { i++; continue; }
        const [label, op, value] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
        expect(['=', '!=', '=~', '!~'], `matcher ${label}${op}${value} in ${expr}`).toContain(op);
        expect(value, `quoted matcher value in ${expr}`).toMatch(/^"/);
        sel.matchers.push({ label, op, value: JSON.parse(value) as string });
        i += 3;
      }
    }
    out.push(sel);
  }
  return out;
}

/** Grouping labels (`by (...)`, `without (...)`) of an expression. */
const groupingLabels = (expr: string) =>
  [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim()).filter(Boolean));

/** Checks an expression against the metrics contract: names, label names and enumerated label values. */
function checkExpr(expr: string, where: string) {
  const selectors = promqlSelectors(expr);
  expect(selectors.length, `${where}: a metric in ${expr}`).toBeGreaterThan(0);
  const labels = new Set<string>();
  for (const { metric: series, matchers } of selectors) {
    const metric = SERIES.get(series);
    expect(metric, `${where}: ${series} is not in the metrics contract`).toBeDefined();
    const known = METRICS[metric!]!.labels;
    Object.keys(known).forEach((l) => labels.add(l));
    if (series.endsWith('_bucket')) labels.add('le');
    for (const { label, op, value } of matchers) {
      expect(Object.keys(known), `${where}: ${series} has no label ${label}`).toContain(label);
      const allowed = known[label];
      if (!allowed || value.includes('$') || op.startsWith('!')) continue;
      const values = op === '=~' ? value.split('|') : [value];
      for (const v of values) expect(allowed, `${where}: ${label}="${v}"`).toContain(v);
    }
  }
  for (const l of groupingLabels(expr)) expect([...labels], `${where}: grouping label ${l}`).toContain(l);
}

describe('infra/grafana/claude-scope.json', () => {
  const dashboard = JSON.parse(read('infra/grafana/claude-scope.json')) as Obj;
  const panels: Obj[] = dashboard.panels.flatMap((p: Obj) => [p, ...(p.panels ?? [])]).filter((p: Obj) => p.type !== 'row');
  const exprs = panels.flatMap((p) => (p.targets ?? []).map((t: Obj) => ({ panel: p.title as string, expr: t.expr as string })));

  it('is a Grafana dashboard on a Prometheus datasource variable', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(dashboard.uid).toEqual(expect.any(String));
    const ds = dashboard.templating.list.find((v: Obj) => v.name === 'DS_PROMETHEUS');
    expect(ds).toMatchObject({ type: 'datasource', query: 'prometheus' });
    const ids = dashboard.panels.flatMap((p: Obj) => [p, ...(p.panels ?? [])]).map((p: Obj) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of panels) {
      expect(p.gridPos, p.title).toMatchObject({ w: expect.any(Number), h: expect.any(Number) });
      expect(p.datasource?.uid, p.title).toBe('${DS_PROMETHEUS}');
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets) expect(t.datasource?.uid ?? p.datasource.uid, p.title).toBe('${DS_PROMETHEUS}');
    }
  });

  it('only queries metrics of the contract, with their labels and label values', () => {
    expect(exprs.length).toBeGreaterThan(0);
    for (const { panel, expr } of exprs) checkExpr(expr, panel);
    for (const v of dashboard.templating.list.filter((x: Obj) => x.type === 'query')) {
      const q = typeof v.query === 'string' ? v.query : v.query.query;
      const m = /^label_values\((\w+),\s*(\w+)\)$/.exec(q);
      expect(m, `variable ${v.name}: ${q}`).not.toBeNull();
      checkExpr(m![1]!, `variable ${v.name}`);
      expect(Object.keys(METRICS[SERIES.get(m![1]!)!]!.labels)).toContain(m![2]);
    }
  });

  it('has the panels operators need: queues, throughput, lane p95, failures, API latency and 5xx, worker concurrency', () => {
    const has = (re: RegExp) => exprs.some(({ expr }) => re.test(expr.replace(/\s+/g, '')));
    expect(has(/by\(queue,state\)\(bullmq_job_count/)).toBe(true);
    expect(has(/sumby\(queue\)\(rate\(claude_scope_jobs_total\{[^}]*outcome="completed"[^}]*\}\[5m\]\)\)/)).toBe(true);
    expect(has(/histogram_quantile\(0\.95,sumby\(le,lane\)\(rate\(claude_scope_lane_duration_seconds_bucket\[5m\]\)\)\)/)).toBe(true);
    expect(has(/claude_scope_jobs_total\{[^}]*outcome="failed"[^}]*\}\[5m\]\)\)\/sum(by\(queue\))?\(rate\(claude_scope_jobs_total/)).toBe(true);
    for (const q of ['0.50', '0.95', '0.99']) {
      expect(has(new RegExp(`histogram_quantile\\(${q.replace('.', '\\.')},sumby\\(le,[^)]*route[^)]*\\)\\(rate\\(http_request_duration_seconds_bucket`)), `API p${q}`).toBe(true);
    }
    expect(has(/http_request_duration_seconds_count\{status_code=~"5\.\."\}/)).toBe(true);
    expect(has(/by\(queue\)\(claude_scope_worker_concurrency/)).toBe(true);
  });

  it('the contract checker rejects what it should', () => {
    expect(() => checkExpr('rate(claude_scope_jobs_total{lane="video"}[5m])', 'bad label')).toThrow();
    expect(() => checkExpr('bullmq_job_count{state="paused"}', 'bad value')).toThrow();
    expect(() => checkExpr('sum(rate(some_other_metric[5m]))', 'bad metric')).toThrow();
    expect(() => checkExpr('sum by (lane) (claude_scope_jobs_total)', 'bad grouping')).toThrow();
    expect(() => checkExpr('histogram_quantile(0.9, sum by (le) (rate(claude_scope_lane_duration_seconds_bucket[5m])))', 'ok')).not.toThrow();
  });
});

/** Kubernetes quantity → bytes (Ki, Mi, Gi, or plain). */
function c2bytes(q: string | number): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G)?$/.exec(String(q));
  expect(m, `quantity ${q}`).not.toBeNull();
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9 }[m![2] as string] ?? 1;
  return Number(m![1]) * unit;
}
