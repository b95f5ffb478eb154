import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The Gateway serves the built SPA; in development Vite serves it and forwards everything the
// Gateway owns (API, WebSocket, hosted identity pages) to it, so the session cookie works the same.
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: gateway, ws: true },
      '/account': { target: gateway },
      '/connect': { target: gateway },
      '/signin-oidc': { target: gateway },
      '/signout-callback-oidc': { target: gateway },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    pool: 'forks',
    maxWorkers: 1,
  },
});
