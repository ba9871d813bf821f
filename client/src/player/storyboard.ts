// Reads the storyboard's WebVTT track: each cue names the sprite-sheet tile (`sheet.jpg#xywh=x,y,w,h`)
// that previews a stretch of the video. Pure, so it reads the same in any player.

export interface StoryboardTile {
  start: number;
  end: number;
  /** The sheet's absolute address (cues name it relative to the track). */
  sheetUrl: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const TILE = /^(.+)#xywh=(\d+),(\d+),(\d+),(\d+)$/;

/** "01:02.500" or "1:01:02.500" → seconds. */
function seconds(timestamp: string): number {
  return timestamp.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

export function parseStoryboard(vtt: string, trackUrl: string): StoryboardTile[] {
  return vtt
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .flatMap((block) => {
      const lines = block.trim().split('\n');
      const timing = lines.findIndex((line) => line.includes('-->'));
      const [start = '', end = ''] = (lines[timing] ?? '')
        .split('-->')
        .map((part) => part.trim().split(/\s/)[0]);
      const tile = TILE.exec(lines[timing + 1]?.trim() ?? '');
      if (timing < 0 || !tile) return [];
      const [, sheet = '', x, y, width, height] = tile;
      return [
        {
          start: seconds(start),
          end: seconds(end),
          sheetUrl: new URL(sheet, trackUrl).href,
          x: Number(x),
          y: Number(y),
          width: Number(width),
          height: Number(height),
        },
      ];
    });
}

export function tileAt(tiles: StoryboardTile[], time: number): StoryboardTile | undefined {
  return tiles.find((tile) => time >= tile.start && time < tile.end) ?? tiles.at(-1);
}
