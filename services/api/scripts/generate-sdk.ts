import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderServedTypes, SDK_TYPES_FILE } from './sdk-types.js';

// `pnpm --filter @claude-scope/sdk generate`: rewrites the SDK's types from the document the API serves.
const source = await renderServedTypes();
await writeFile(SDK_TYPES_FILE, source);
process.stdout.write(`wrote ${fileURLToPath(SDK_TYPES_FILE)}\n`);
