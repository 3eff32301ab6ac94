import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const service = process.env['DESIGNER_API'] ?? 'http://localhost:3000';

/** The web app: built to designer/dist, which the service serves at `/`. */
export default defineConfig({
  root,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 5000 },
  server: { proxy: { '/engine-rest': service, '/api': service } },
});
