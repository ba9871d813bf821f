// H.264 with 4:2:0 chroma needs even frame sizes: every planned dimension goes through this.
export function even(pixels: number): number {
  return Math.max(2, Math.round(pixels / 2) * 2);
}
