import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The CLI's settings: CLAUDE_SCOPE_URL and CLAUDE_SCOPE_TOKEN from the environment first, then the config file
 * that `login --save` writes (mode 0600, in a 0700 folder). Nothing is written unless asked. The only module
 * that reads process.env.
 */
export const DEFAULT_URL = 'http://localhost:3000';

export interface Settings {
  url: string;
  token: string | undefined;
  /** Where the token came from, for messages. */
  tokenSource: 'env' | 'file' | 'none';
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CLAUDE_SCOPE_CONFIG) return env.CLAUDE_SCOPE_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(homedir(), '.config');
  return path.join(base, 'claude-scope', 'config.json');
}

interface FileConfig {
  url?: string;
  token?: string;
}

function readFileConfig(file: string): FileConfig {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as FileConfig) : {};
  } catch {
    return {};
  }
}

export function loadSettings(flags: { url?: string | undefined } = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const file = readFileConfig(configPath(env));
  const url = (flags.url ?? env.CLAUDE_SCOPE_URL ?? file.url ?? DEFAULT_URL).replace(/\/+$/, '');
  if (env.CLAUDE_SCOPE_TOKEN) return { url, token: env.CLAUDE_SCOPE_TOKEN, tokenSource: 'env' };
  if (typeof file.token === 'string' && file.token) return { url, token: file.token, tokenSource: 'file' };
  return { url, token: undefined, tokenSource: 'none' };
}

/** Writes the URL and token, readable by the user only. */
export function saveSettings(url: string, token: string, env: NodeJS.ProcessEnv = process.env): string {
  const file = configPath(env);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify({ url, token }, null, 2) + '\n', { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its old mode under writeFileSync
  return file;
}
