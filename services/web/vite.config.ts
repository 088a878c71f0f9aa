import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `pnpm --filter @claude-scope/web dev`: live reload on :5173, the API (make dev, :3000) behind /api.
const api = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': { target: api, changeOrigin: true } } },
  preview: { port: 4173, proxy: { '/api': { target: api, changeOrigin: true } } },
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0, sourcemap: false },
});
