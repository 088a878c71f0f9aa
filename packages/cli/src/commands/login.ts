import { Api, ok } from '../api.js';
import { parse } from '../args.js';
import { loadSettings, saveSettings } from '../config.js';
import { CliError, EXIT } from '../exit.js';
import { createOut } from '../output.js';

interface Me {
  id: string;
  name: string;
  email: string;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  let data = '';
  for await (const chunk of process.stdin) data += String(chunk);
  return data.trim();
}

/**
 * Verifies a token against GET /api/auth/me. The token comes from CLAUDE_SCOPE_TOKEN or stdin (never a flag:
 * it would stay in the shell's history); it is written to disk only with --save.
 */
export async function login(args: string[]): Promise<number> {
  const { values } = parse(args, { save: { type: 'boolean' } });
  const settings = loadSettings({ url: values.url });
  const token = settings.tokenSource === 'env' ? settings.token : (await readStdin()) || settings.token;
  if (!token) throw new CliError(EXIT.AUTH, 'No token: set CLAUDE_SCOPE_TOKEN, or pipe one in: `echo "$TOKEN" | claude-scope login --save`.');
  const api = new Api({ url: settings.url, token });
  const me: Me = ok(await api.sdk.GET('/api/auth/me'));
  const out = createOut(values.json === true);
  const file = values.save ? saveSettings(settings.url, token) : null;
  if (out.json) out.data({ url: settings.url, user: me, saved: file });
  else {
    out.result(`Signed in to ${settings.url} as ${me.name} <${me.email}>.`);
    out.info(file ? `Saved to ${file} (readable by you only).` : 'Nothing stored: keep CLAUDE_SCOPE_TOKEN set, or run again with --save to store it (mode 0600).');
  }
  return EXIT.OK;
}
