// Tiles stored storyboard thumbnails into sprite sheets, as ffmpeg's `tile` filter does in one pass:
// row by row, every sheet the full grid, black where no thumbnail is. No video is decoded: only the small
// JPEGs the chunks wrote, so the whole storyboard of an hour takes seconds.
import path from 'node:path';
import sharp from 'sharp';
import { sheetName } from '../domain/video-files.js';
import { thumbnailName } from './chunk-stills.js';
import type { StoryboardPlan } from './storyboard.js';

/** The quality of ffmpeg's `-q:v 4`, roughly: the one-pass sheets' look at a like size. */
const SHEET_QUALITY = 80;

/** Writes every sheet of the plan into `outputDir` from the thumbnails in `thumbnailDir`; returns their names. */
export async function tileStoryboard(
  plan: StoryboardPlan,
  thumbnailDir: string,
  outputDir: string,
): Promise<string[]> {
  const perSheet = plan.columns * plan.rows;
  const names: string[] = [];
  for (let sheet = 0; sheet < plan.sheets; sheet++) {
    const count = Math.min(perSheet, plan.thumbnails - sheet * perSheet);
    const tiles = Array.from({ length: count }, (_, tile) => ({
      input: path.join(thumbnailDir, thumbnailName(sheet * perSheet + tile)),
      left: (tile % plan.columns) * plan.tileWidth,
      top: Math.floor(tile / plan.columns) * plan.tileHeight,
    }));
    const name = sheetName(sheet + 1);
    await sharp({
      create: {
        width: plan.columns * plan.tileWidth,
        height: plan.rows * plan.tileHeight,
        channels: 3,
        background: { r: 0, g: 0, b: 0 },
      },
    })
      .composite(tiles)
      .jpeg({ quality: SHEET_QUALITY })
      .toFile(path.join(outputDir, name));
    names.push(name);
  }
  return names;
}
