import { mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { SESSION_SORT_FIELDS, SORT_ORDERS } from '@claude-scope/contracts';
import { BIN, PKG, useAgentStack } from './harness.js';

/**
 * Every ready-made agent config in docs/agents starts a working MCP server: each is parsed, its variables
 * expanded the way its agent does, the command it names spawned (with the CLI on PATH as `claude-scope`) or the
 * URL it names connected to (moved to this test's API), and its tools listed. The docs only name tools that exist.
 */
const DOCS = path.resolve(PKG, '../../docs/agents');
const stack = useAgentStack();
const clients: Client[] = [];
let binDir: string;
let vars: Record<string, string>;

interface ServerConfig {
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  env_vars?: string[];
  url?: string;
  headers?: Record<string, string>;
  bearer_token_env_var?: string;
}

/** Claude Code: ${VAR} and ${VAR:-default}. Cursor: ${env:VAR}. */
function expand(value: string): string {
  return value
    .replace(/\$\{env:([A-Z_]+)\}/g, (_, name: string) => vars[name] ?? '')
    .replace(/\$\{([A-Z_]+)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => vars[name] ?? fallback ?? '');
}

/** The docs' URLs point at localhost:3000; this test's API listens elsewhere. */
const moved = (url: string) => {
  const u = new URL(url);
  return `${stack.url}${u.pathname}`;
};

async function listTools(config: ServerConfig): Promise<string[]> {
  const client = new Client({ name: 'agent-config-test', version: '1.0.0' });
  clients.push(client);
  if (config.command) {
    expect(config.command).toBe('claude-scope');
    const env: Record<string, string> = { PATH: `${binDir}${path.delimiter}${process.env.PATH}`, CLAUDE_SCOPE_CONFIG: path.join(stack.home, 'none.json') };
    for (const [k, v] of Object.entries(config.env ?? {})) env[k] = expand(v);
    for (const name of config.env_vars ?? []) if (vars[name] !== undefined) env[name] = vars[name]!;
    await client.connect(new StdioClientTransport({ command: config.command, args: config.args ?? [], env, stderr: 'pipe' }));
  } else {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(config.headers ?? {})) headers[k] = expand(v);
    if (config.bearer_token_env_var) headers.Authorization = `Bearer ${vars[config.bearer_token_env_var]}`;
    await client.connect(new StreamableHTTPClientTransport(new URL(moved(expand(config.url!))), { requestInit: { headers } }));
  }
  return (await client.listTools()).tools.map((t) => t.name);
}

/** The `[mcp_servers.NAME]` tables of the TOML blocks in a Markdown file (strings and string arrays only). */
function tomlServers(markdown: string): Record<string, ServerConfig> {
  const servers: Record<string, Record<string, unknown>> = {};
  for (const [, block] of markdown.matchAll(/```toml\n([\s\S]*?)```/g)) {
    let current: Record<string, unknown> | undefined;
    for (const line of block!.split('\n')) {
      const table = /^\[mcp_servers\.([\w-]+)\]$/.exec(line.trim());
      if (table) servers[table[1]!] = current = {};
      const kv = /^(\w+)\s*=\s*(.+)$/.exec(line.trim());
      if (kv && current) current[kv[1]!] = JSON.parse(kv[2]!);
    }
  }
  return servers as Record<string, ServerConfig>;
}

beforeAll(() => {
  binDir = mkdtempSync(path.join(tmpdir(), 'claude-scope-bin-'));
  symlinkSync(BIN, path.join(binDir, 'claude-scope'));
  vars = { CLAUDE_SCOPE_URL: stack.url, CLAUDE_SCOPE_TOKEN: stack.owner.token };
});

afterAll(async () => {
  for (const c of clients) await c.close().catch(() => {});
});

const READ_TOOLS = ['get_aria_diff', 'get_aria_snapshot', 'get_console_and_network', 'get_frame', 'get_prompt', 'get_recording', 'get_timeline', 'list_recordings'];

describe('docs/agents configs start the MCP server they name', () => {
  it.each([
    ['claude-code/.mcp.json', 'claude-scope', true],
    ['claude-code/.mcp.remote.json', 'claude-scope', false],
    ['cursor/mcp.json', 'claude-scope', true],
    ['cursor/mcp.json', 'claude-scope-remote', false],
  ])('%s (%s)', async (file, name, local) => {
    const config = JSON.parse(readFileSync(path.join(DOCS, file), 'utf8')) as { mcpServers: Record<string, ServerConfig> };
    const tools = await listTools(config.mcpServers[name]!);
    expect(tools.sort()).toEqual(local ? [...READ_TOOLS, 'upload_recording'].sort() : READ_TOOLS);
  });

  it('codex/AGENTS.md: both config.toml entries', async () => {
    const servers = tomlServers(readFileSync(path.join(DOCS, 'codex/AGENTS.md'), 'utf8'));
    expect(Object.keys(servers)).toEqual(['claude-scope', 'claude-scope-local']);
    expect((await listTools(servers['claude-scope']!)).sort()).toEqual(READ_TOOLS);
    expect(await listTools(servers['claude-scope-local']!)).toContain('upload_recording');
  });

  it('the skill, the rule and the snippets name only tools that exist, and the skill has its front matter', () => {
    const files = ['claude-code/skills/claude-scope/SKILL.md', 'cursor/rules/claude-scope.mdc', 'codex/AGENTS.md', 'README.md'];
    for (const file of files) {
      const text = readFileSync(path.join(DOCS, file), 'utf8');
      for (const [tool] of text.matchAll(/\b(?:get|list|upload)_[a-z_]+\b/g)) expect([...READ_TOOLS, 'upload_recording'], `${file}: ${tool}`).toContain(tool);
    }
    const skill = readFileSync(path.join(DOCS, 'claude-code/skills/claude-scope/SKILL.md'), 'utf8');
    expect(skill).toMatch(/^---\nname: claude-scope\ndescription: .{40,}\n---\n/);
    expect(readdirSync(DOCS).sort()).toEqual(['README.md', 'claude-code', 'codex', 'cursor']);
  });

  it('each agent doc gives list_recordings / sessions list every sort field and order the contract has', () => {
    for (const file of ['claude-code/skills/claude-scope/SKILL.md', 'cursor/rules/claude-scope.mdc', 'codex/AGENTS.md', 'README.md']) {
      const text = readFileSync(path.join(DOCS, file), 'utf8');
      for (const word of [...SESSION_SORT_FIELDS, ...SORT_ORDERS]) expect(text, `${file}: ${word}`).toMatch(new RegExp(`\\b${word}\\b`));
    }
  });
});
