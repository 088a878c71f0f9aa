import { readFile } from 'node:fs/promises';

/**
 * UI text for Ocr.warmUp() (720 × 240 px: a header bar, labels, a button, a dark card), committed rather than
 * rendered here so the read does not depend on the fonts of the machine; made by scripts/warm-up-asset.ts.
 * One level above both src/ and dist/, so the path holds in either.
 */
const WARM_UP_PNG = new URL('../assets/warm-up.png', import.meta.url);

export const warmUpImage = (): Promise<Buffer> => readFile(WARM_UP_PNG);
