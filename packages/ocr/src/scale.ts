/**
 * The 'auto' upscale factor for a read area of `width` × `height` screen pixels. Measured on UI text
 * (bench/results/ocr-engines.md): ×1.5 reads 11–15 px text as well as ×2 or ×3 at about half the time of
 * ×2, whole frames and regions alike, 720p and 1080p alike; ×1 loses small grey text. Above ~1080p the
 * factor shrinks so that a read never exceeds what a 1080p frame at ×1.5 costs (time grows with pixels).
 */
const FACTOR = 1.5;
const MAX_PIXELS = 1920 * 1080 * FACTOR * FACTOR;

export function autoScale(width: number, height: number): number {
  return Math.max(1, Math.min(FACTOR, Math.sqrt(MAX_PIXELS / (width * height))));
}
