import { SESSION_SORT_FIELDS } from '@claude-scope/contracts';

export const HELP = `claude-scope — recordings of browser sessions, turned into steps, ARIA trees and agent-ready prompts

Usage: claude-scope <command> [options]

Commands
  login [--save]                      verify a token (CLAUDE_SCOPE_TOKEN, or piped on stdin) against the API;
                                      --save stores URL and token in the config file (mode 0600)
  upload <file> --seed-url URL        upload a recording (.webm/.mp4/.mkv) and follow its processing
         [--title T] [--notes N] [--agent A] [--timeline events.json] [--no-wait]
  sessions list [--status S] [--q TEXT] [--limit N] [--cursor C] [--sort F] [--order asc|desc]
                                      --sort ${SESSION_SORT_FIELDS.join('|')} (default updatedAt);
                                      page on with the printed --cursor and the same --sort/--order
  sessions show <id>
  sessions delete <id>
  prompt <id> [--agent CLAUDE_CODE|CODEX|CURSOR|RAW] [-o FILE]
  frames <id> --out DIR               save every frame's full-resolution PNG
  timeline <id>                       steps: time, URL, what changed
  mcp                                 serve the MCP tools over stdio (for Claude Code, Cursor, Codex, …)

Options (every command)
  --json          machine-readable output on stdout (progress and messages go to stderr)
  --url URL       the API (default: CLAUDE_SCOPE_URL, the config file, or http://localhost:3000)
  -h, --help      this help

Environment
  CLAUDE_SCOPE_TOKEN   an API token (cs_pat_…, Settings → API tokens) or a sign-in token
  CLAUDE_SCOPE_URL     the API's URL
  CLAUDE_SCOPE_CONFIG  the config file (default: $XDG_CONFIG_HOME/claude-scope/config.json or ~/.config/…)

Exit codes
  0  ok
  1  unexpected error
  2  usage: bad arguments or options, or a request the API refused as invalid (400)
  3  auth: no token, or the API refused it (401) or it lacks the scope (403)
  4  not found: no such session or frame in your account (404)
  5  processing failed: the recording could not be processed
  6  network: the API could not be reached, or answered 429/5xx (try again later)
`;
