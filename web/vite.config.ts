import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.js';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // MapLibre (about 1 MB) and ECharts (about 0.5 MB, already tree-shaken) are chunks of their own,
    // loaded only by the coordinator's map and KPI views; the nurse view stays far below its budget.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      // Libraries change less often than our code: one vendor chunk caches across releases.
      // The map, chart and QR libraries come first (a smaller index wins): they get chunks of their own, loaded
      // only with the pages that import them lazily (night care; the two-factor set-up), never with the shell
      // or the nurse app.
      output: {
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/](maplibre-gl|@maplibre|@mapbox)[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'qrcode', test: /node_modules[\\/](qrcode|dijkstrajs)[\\/]/ },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: {
    // The Fastify server answers the API in development (`npm run dev`).
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
