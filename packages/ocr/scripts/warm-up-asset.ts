/**
 * Writes assets/warm-up.png, the image Ocr.warmUp() reads (run once; the PNG is committed so the worker never
 * depends on the fonts of the machine it runs on): `pnpm --filter @claude-scope/ocr exec tsx scripts/warm-up-asset.ts`.
 * UI text as the lane meets it — a dark header bar, labels and body text of 12–18 px, grey on white, white on a
 * blue button, a dark card — so a read runs every path of recognition (flattening, layout, the LSTM).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderFrame, type Label } from '../test/helpers/frame.js';

const labels: Label[] = [
  { text: 'Dashboard   Orders   Settings   https://app.example.com/settings', x: 16, y: 26, size: 14, color: '#f9fafb', fill: { color: '#1f2937', x: 0, y: 0, w: 720, h: 40 } },
  { text: 'Recent activity', x: 24, y: 76, size: 18, color: '#111827', bold: true },
  { text: 'Invoice #4821 paid by Jane Cooper on 12 March, $129.00', x: 24, y: 104, size: 13, color: '#4b5563' },
  { text: 'Email address', x: 24, y: 138, size: 12, color: '#6b7280' },
  { text: 'jane.cooper@example.com', x: 24, y: 160, size: 14, color: '#111827' },
  { text: 'Save changes', x: 44, y: 214, size: 14, color: '#ffffff', bold: true, fill: { color: '#2563eb', x: 24, y: 190, w: 140, h: 36 } },
  { text: 'Cancel', x: 196, y: 214, size: 14, color: '#374151' },
  { text: 'Remember me on this device', x: 400, y: 138, size: 13, color: '#d1d5db', fill: { color: '#111827', x: 384, y: 116, w: 312, h: 110 } },
  { text: 'Delete 3 items?', x: 400, y: 170, size: 15, color: '#f9fafb', bold: true },
  { text: 'This cannot be undone.', x: 400, y: 196, size: 12, color: '#9ca3af' },
];

const png = await renderFrame(720, 240, '#ffffff', labels);
const out = fileURLToPath(new URL('../assets/warm-up.png', import.meta.url));
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
