/**
 * The 'auto' upscale factor for a read area of this size. Tesseract's LSTM reads text best when
 * glyphs are ~20–30 px tall; UI text at 720p is 11–15 px. Measured in bench/results/ocr-engines.md.
 */
export function autoScale(width: number, height: number): number {
  void width;
  if (height < 40) return 3;
  if (height < 200) return 2;
  return 2;
}
