import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { appIcons } from './build/app-icons.js';
import { precompressed } from './build/precompressed.js';

// In development the API runs on :8080 (`npm start`); Vite serves the app and forwards the rest to it.
const api = 'http://localhost:8080';

export default defineConfig({
  plugins: [react(), appIcons(), precompressed()],
  // hls.js is one ~600 kB chunk, loaded only when a player starts.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 700 },
  server: { proxy: { '/api': api, '/media': api, '/healthz': api, '/readyz': api } },
});
