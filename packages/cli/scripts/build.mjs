// Bundles the CLI into dist/claude-scope.js: the workspace packages it uses (mcp, aria, contracts) are inlined
// from their TypeScript source, so the package installs on its own with only its npm dependencies.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outfile: new URL('../dist/claude-scope.js', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['source'],
  external: Object.keys(pkg.dependencies).flatMap((d) => [d, `${d}/*`]),
  sourcemap: true,
  logLevel: 'warning',
});
