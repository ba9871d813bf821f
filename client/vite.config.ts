import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { appIcons } from './build/app-icons.js';
import { precompressed } from './build/precompressed.js';

// In development the API runs on :8080 (`npm start`); Vite serves the app and forwards the rest to it.
const api = 'http://localhost:8080';
const page = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** In development, /embed/{id} is the embedded player's page, as the API serves it from the build. */
const embedPage: Plugin = {
  name: 'embed-page',
  configureServer(server) {
    server.middlewares.use((request, _response, next) => {
      if (request.url?.startsWith('/embed/')) request.url = '/embed.html';
      next();
    });
  },
};

export default defineConfig({
  plugins: [react(), appIcons(), precompressed(), embedPage],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // hls.js is one ~600 kB chunk, loaded only when a player starts.
    chunkSizeWarningLimit: 700,
    // The server reads it to have watch pages preload the player's library (server/src/http/watch-page-preloads.ts).
    manifest: true,
    // Two pages: the app, and the embedded player (/embed/{id}), which loads none of the app's shell.
    rollupOptions: { input: { app: page('index.html'), embed: page('embed.html') } },
  },
  server: { proxy: { '/api': api, '/media': api, '/healthz': api, '/readyz': api } },
});
