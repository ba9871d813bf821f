// What a watch page asks the browser for while it still parses the HTML, so the start of playback waits
// for nothing the app's scripts would only ask for once they have loaded, run and fetched the video:
// the player's library (a chunk of ~150 kB the app loads on demand) and the video's master playlist (the
// player's first request; its URL is the one the API hands out, the same for everyone in a token window).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml } from './share-presenter.js';

/** The build names a chunk after its module: hls.js's is `hls`. */
const PLAYER_LIBRARY_CHUNK = 'hls';

interface ManifestChunk {
  file: string;
  name?: string;
  isDynamicEntry?: boolean;
}

/** The player library's chunk (`/assets/hls-….js`) in the build's manifest, if the build wrote one. */
export function playerLibraryFile(clientDir: string): string | undefined {
  const manifestFile = path.join(clientDir, '.vite/manifest.json');
  if (!existsSync(manifestFile)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const chunk = Object.values(manifest).find(
    (entry) => entry.isDynamicEntry && entry.name === PLAYER_LIBRARY_CHUNK,
  );
  return chunk && `/${chunk.file}`;
}

/**
 * The head's preload links. `crossorigin` makes each request the one the app makes later (a module
 * import; the player's CORS request without cookies), so the browser hands over what it preloaded.
 */
export function watchPagePreloads(
  playerLibrary: string | undefined,
  masterPlaylistUrl: string | null,
): string {
  return [
    playerLibrary && `<link rel="modulepreload" crossorigin href="${escapeHtml(playerLibrary)}">`,
    masterPlaylistUrl &&
      `<link rel="preload" as="fetch" crossorigin href="${escapeHtml(masterPlaylistUrl)}">`,
  ]
    .filter(Boolean)
    .join('\n');
}
