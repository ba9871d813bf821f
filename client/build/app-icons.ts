// The installable app's PNG icons, rendered from the favicon's SVG when the app is built (and served by the
// dev server), so no picture is committed twice. The maskable icon fills its square and keeps the mark in
// the middle 60 %, the safe zone launchers may crop to a circle.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import type { Plugin } from 'vite';

const FAVICON = new URL('../public/favicon.svg', import.meta.url);
const MASKABLE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect width="32" height="32" fill="#dc2626"/><path d="M13.2 11.2l7.2 4.8-7.2 4.8z" fill="#fff"/></svg>`;

/** Paths (as the manifest names them) → how each is drawn. */
const ICONS: Record<string, { svg: () => string; size: number }> = {
  'icons/icon-192.png': { svg: () => readFileSync(FAVICON, 'utf8'), size: 192 },
  'icons/icon-512.png': { svg: () => readFileSync(FAVICON, 'utf8'), size: 512 },
  'icons/icon-maskable-512.png': { svg: () => MASKABLE, size: 512 },
};

function render(path: string): Promise<Buffer> {
  const icon = ICONS[path];
  if (!icon) throw new Error(`No icon ${path}`);
  return sharp(Buffer.from(icon.svg()), { density: 72 * (icon.size / 32) })
    .resize(icon.size, icon.size)
    .png()
    .toBuffer();
}

export function appIcons(): Plugin {
  return {
    name: 'vidstream-app-icons',
    async generateBundle() {
      for (const fileName of Object.keys(ICONS)) {
        this.emitFile({ type: 'asset', fileName, source: await render(fileName) });
      }
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = request.url?.split('?')[0]?.slice(1) ?? '';
        if (!(path in ICONS)) return next();
        render(path).then((png) => {
          response.setHeader('content-type', 'image/png');
          response.end(png);
        }, next);
      });
    },
  };
}
