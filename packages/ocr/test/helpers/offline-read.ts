/** Run by offline.test.ts in a process without network: reads one rendered label, prints the words as JSON. */
import { createOcr } from '../../src/index.js';
import { renderFrame } from './frame.js';

const ocr = createOcr({ concurrency: 1 });
try {
  const data = await renderFrame(400, 80, '#ffffff', [{ text: 'Offline works', x: 20, y: 50, size: 18, color: '#111827' }]);
  console.log(JSON.stringify((await ocr.read({ data })).map((w) => w.text)));
} finally {
  await ocr.close();
}
