import { ApiError } from '@claude-scope/sdk';
import { Api, cliError } from './api.js';
import { loadSettings } from './config.js';
import { CliError, EXIT, usage } from './exit.js';
import { HELP } from './help.js';
import { frames } from './commands/frames.js';
import { login } from './commands/login.js';
import { mcp } from './commands/mcp.js';
import { prompt } from './commands/prompt.js';
import { sessions } from './commands/sessions.js';
import { timeline } from './commands/timeline.js';
import { upload } from './commands/upload.js';

const COMMANDS: Record<string, (api: Api, args: string[]) => Promise<number>> = { upload, sessions, prompt, frames, timeline, mcp };

/** --url wherever it appears, before the command parses its own options. */
function urlFlag(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--url') return args[i + 1];
    if (a.startsWith('--url=')) return a.slice(6);
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return command ? EXIT.OK : EXIT.USAGE;
  }
  if (command === '--version' || command === 'version') {
    process.stdout.write('0.1.0\n');
    return EXIT.OK;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return EXIT.OK;
  }
  if (command === 'login') return login(args);
  const run = COMMANDS[command];
  if (!run) throw usage(`unknown command ${command} (claude-scope --help lists them)`);
  return run(new Api(loadSettings({ url: urlFlag(args) })), args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ApiError) err = cliError(err);
    if (err instanceof CliError) {
      process.stderr.write(`claude-scope: ${err.message}\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(`claude-scope: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = EXIT.ERROR;
    }
  },
);
