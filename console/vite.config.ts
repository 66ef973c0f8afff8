import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @chartline/console` (hot reload) proxies /api and /console-config.json to a
// running `npm start`'s console server (default port 8082); the build goes to the repo's dist/.
const consoleServer = process.env['CONSOLE_DEV_TARGET'] ?? 'http://127.0.0.1:8082';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: '../dist/console', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/api': consoleServer, '/console-config.json': consoleServer },
  },
});
