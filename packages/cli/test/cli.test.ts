import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { completeSessionProcessing, failSessionProcessing, schema } from '@claude-scope/db';
import { makeTestVideo } from '@claude-scope/testkit';
import { PNG } from '../../../services/api/test/agents-fixture.js';
import { runCli, useAgentStack } from './harness.js';

const stack = useAgentStack();
const env = (extra: Record<string, string | undefined> = {}) => ({
  CLAUDE_SCOPE_URL: stack.url,
  CLAUDE_SCOPE_TOKEN: stack.owner.token,
  CLAUDE_SCOPE_CONFIG: path.join(stack.home, 'none.json'),
  ...extra,
});

describe('claude-scope (the built CLI, as a child process, against the real API)', () => {
  it('documents its commands and exit codes, and refuses bad usage with 2 and no token with 3', async () => {
    const help = await runCli(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes[\s\S]*3 {2}auth[\s\S]*4 {2}not found[\s\S]*5 {2}processing failed[\s\S]*6 {2}network/);
    expect((await runCli(['frobnicate'], env())).code).toBe(2);
    expect((await runCli(['sessions', 'show', 'not-an-id'], env())).code).toBe(2);
    expect((await runCli(['sessions', 'list', '--bogus'], env())).code).toBe(2);
    const noToken = await runCli(['sessions', 'list'], env({ CLAUDE_SCOPE_TOKEN: undefined }));
    expect(noToken.code).toBe(3);
    expect(noToken.stderr).toMatch(/CLAUDE_SCOPE_TOKEN/);
  });

  it('sessions list --sort/--order: a sorted order across pages (the cursor from the API), and 2 for a bad value', async () => {
    const listed = async (...flags: string[]) => {
      const r = await runCli(['sessions', 'list', '--json', '--sort', 'title', '--order', 'asc', ...flags], env());
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { sessions: { id: string; title: string }[]; nextCursor: string | null };
    };
    const all = await listed('--limit', '500');
    expect(all.sessions.length).toBeGreaterThanOrEqual(2);
    const titles = all.sessions.map((s) => s.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
    const first = await listed('--limit', '1');
    const second = await listed('--limit', '1', '--cursor', first.nextCursor!);
    expect([...first.sessions, ...second.sessions].map((s) => s.id)).toEqual(all.sessions.slice(0, 2).map((s) => s.id));
    // The human hint for the next page repeats the sort, since the cursor only works with it.
    const human = await runCli(['sessions', 'list', '--sort', 'title', '--order', 'asc', '--limit', '1'], env());
    expect(human.stderr).toContain(`More: claude-scope sessions list --sort title --order asc --cursor ${first.nextCursor}`);

    const badSort = await runCli(['sessions', 'list', '--sort', 'size'], env());
    expect(badSort.code).toBe(2);
    expect(badSort.stderr).toMatch(/--sort must be one of updatedAt, createdAt, title, agentTarget, status, duration, frameCount/);
    const badOrder = await runCli(['sessions', 'list', '--order', 'up'], env());
    expect(badOrder.code).toBe(2);
    expect(badOrder.stderr).toMatch(/--order must be one of asc, desc/);
    expect((await runCli(['--help'], {})).stdout).toMatch(/--sort updatedAt\|createdAt\|title/);
  });

  it('login verifies the token, stores it only with --save (mode 0600), and exits 3 for a bad token and 6 when unreachable', async () => {
    const config = path.join(stack.home, 'cfg', 'config.json');
    const plain = await runCli(['login'], env({ CLAUDE_SCOPE_CONFIG: config }));
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(new RegExp(`as Test User <${stack.owner.email}>`));
    expect(() => statSync(config)).toThrow();

    const saved = await runCli(['login', '--save', '--json'], { CLAUDE_SCOPE_URL: stack.url, CLAUDE_SCOPE_CONFIG: config }, `${stack.owner.token}\n`);
    expect(saved.code).toBe(0);
    expect(JSON.parse(saved.stdout)).toMatchObject({ url: stack.url, user: { id: stack.owner.id }, saved: config });
    expect(statSync(config).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(config, 'utf8'))).toEqual({ url: stack.url, token: stack.owner.token });
    // The saved token and URL serve later commands without any environment.
    const list = await runCli(['sessions', 'list', '--json'], { CLAUDE_SCOPE_CONFIG: config });
    expect(list.code).toBe(0);

    const bad = await runCli(['login'], env({ CLAUDE_SCOPE_TOKEN: 'garbage' }));
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/401/);
    const down = await runCli(['sessions', 'list'], env({ CLAUDE_SCOPE_URL: 'http://127.0.0.1:9' }));
    expect(down.code).toBe(6);
    expect(down.stderr).toMatch(/Cannot reach/);
  });

  it('sessions list|show|delete, with --json, paging, and 4 for another account', async () => {
    const list = await runCli(['sessions', 'list', '--json', '--status', 'complete'], env());
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).sessions.map((s: { id: string }) => s.id)).toEqual([stack.sessionId]);
    const page = JSON.parse((await runCli(['sessions', 'list', '--json', '--limit', '1'], env())).stdout);
    expect(page.sessions).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));
    const human = await runCli(['sessions', 'list'], env());
    expect(human.stdout).toMatch(new RegExp(`${stack.sessionId}\\s+complete`));

    const show = await runCli(['sessions', 'show', stack.sessionId], env());
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/Login fails with a valid password/);
    const shown = JSON.parse((await runCli(['sessions', 'show', stack.sessionId, '--json'], env())).stdout);
    expect(shown).toMatchObject({ id: stack.sessionId, status: 'complete', frameCount: 3 });
    expect(shown.frames).toHaveLength(3);

    const foreign = await runCli(['sessions', 'show', stack.sessionId], env({ CLAUDE_SCOPE_TOKEN: stack.other.token }));
    expect(foreign.code).toBe(4);
    expect((await runCli(['sessions', 'delete', stack.sessionId], env({ CLAUDE_SCOPE_TOKEN: stack.other.token }))).code).toBe(4);

    const { id } = (await stack.api.app.inject({ method: 'POST', url: '/api/sessions', headers: stack.owner.auth, payload: { title: 'Doomed' } })).json();
    expect((await runCli(['sessions', 'delete', id], env())).code).toBe(0);
    expect((await runCli(['sessions', 'show', id], env())).code).toBe(4);
  });

  it('prompt in any agent format, to stdout or a file', async () => {
    const raw = await runCli(['prompt', stack.sessionId], env());
    expect(raw.code).toBe(0);
    expect(raw.stdout).toMatch(/Login fails/);
    const file = path.join(stack.home, 'prompt.md');
    const cursor = await runCli(['prompt', stack.sessionId, '--agent', 'cursor', '-o', file], env());
    expect(cursor.code).toBe(0);
    const json = JSON.parse((await runCli(['prompt', stack.sessionId, '--agent', 'CURSOR', '--json'], env())).stdout);
    expect(json.agentTarget).toBe('CURSOR');
    expect(readFileSync(file, 'utf8')).toBe(json.prompt);
    expect((await runCli(['prompt', stack.sessionId, '--agent', 'VIM'], env())).code).toBe(2);
  });

  it('frames saves every full-resolution PNG; timeline lists the steps and what changed', async () => {
    const dir = path.join(stack.home, 'frames');
    const res = await runCli(['frames', stack.sessionId, '--out', dir, '--json'], env());
    expect(res.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['step-01-0ms.png', 'step-02-2100ms.png', 'step-03-5200ms.png']);
    expect(readFileSync(path.join(dir, 'step-02-2100ms.png')).equals(PNG)).toBe(true);
    expect((await runCli(['frames', stack.sessionId], env())).code).toBe(2);

    const tl = await runCli(['timeline', stack.sessionId], env());
    expect(tl.code).toBe(0);
    expect(tl.stdout).toMatch(/2\.1 s {2}http:\/\/app\.test\/login {2}\+1 ~1 -0/);
    expect(tl.stdout).toMatch(/alert "Incorrect email or password" appeared/);
    const steps = JSON.parse((await runCli(['timeline', stack.sessionId, '--json'], env())).stdout).steps;
    expect(steps.map((s: { url: string }) => s.url)).toEqual(['http://app.test/login', 'http://app.test/login', 'http://app.test/dashboard']);
  });

  it('upload streams the file with progress, follows the lanes until done, and exits 5 when processing fails', async () => {
    const video = await makeTestVideo({ durationMs: 1500, changesAtMs: [700] });
    const noWait = await runCli(['upload', video.path, '--seed-url', 'http://app.test/', '--title', 'From the CLI', '--no-wait', '--json'], env());
    expect(noWait.code, noWait.stderr).toBe(0);
    const { sessionId } = JSON.parse(noWait.stdout);
    expect(sessionId).toMatch(/^sess_[A-Z0-9]{8}$/);
    // Not a terminal: progress is plain lines on stderr, stdout stays JSON.
    expect(noWait.stderr).toMatch(/^upload \[#+\] 100% /m);
    const row = (await stack.api.app.db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId)))[0]!;
    expect(row).toMatchObject({ title: 'From the CLI', seedUrl: 'http://app.test/', status: 'processing', mimeType: 'video/webm' });

    // With waiting: no worker runs here, so the test plays synthesis once the upload exists.
    const finish = async (how: 'complete' | 'fail') => {
      for (;;) {
        const [s] = await stack.api.app.db.select().from(schema.sessions).where(eq(schema.sessions.title, `wait-${how}`));
        if (s) {
          await new Promise((r) => setTimeout(r, 2500)); // let the CLI see it processing first
          if (how === 'complete') await completeSessionProcessing(stack.api.app.db, s.id, { frames: [], duration: 1.5, urls: ['http://app.test/'], prompt: 'p', analysis: null });
          else await failSessionProcessing(stack.api.app.db, s.id, 'videoLane', 'the video could not be decoded');
          return;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const [ok] = await Promise.all([runCli(['upload', video.path, '--seed-url', 'http://app.test/', '--title', 'wait-complete'], env()), finish('complete')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/^analyzing|^queued/m);
    expect(ok.stdout).toMatch(/complete: 0 frames, 1 URL/);
    const [failed] = await Promise.all([runCli(['upload', video.path, '--seed-url', 'http://app.test/', '--title', 'wait-fail'], env()), finish('fail')]);
    expect(failed.code).toBe(5);
    expect(failed.stderr).toMatch(/could not be decoded/);

    expect((await runCli(['upload', video.path], env())).code).toBe(2);
    const readOnly = (await stack.api.app.inject({ method: 'POST', url: '/api/tokens', headers: stack.owner.auth, payload: { name: 'ci', scopes: ['read'] } })).json().token;
    const refused = await runCli(['upload', video.path, '--seed-url', 'http://app.test/', '--no-wait'], env({ CLAUDE_SCOPE_TOKEN: readOnly }));
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/403/);
    expect((await runCli(['sessions', 'list'], env({ CLAUDE_SCOPE_TOKEN: readOnly }))).code).toBe(0);
    expect((await runCli(['upload', '/nonexistent.webm', '--seed-url', 'http://app.test/'], env())).code).toBe(2);
  });
});
