import { defineConfig } from 'vite';

// The portal is served under /portal/ (local gateway; CloudFront in AWS) and calls the API on the same origin.
export default defineConfig({
  root: import.meta.dirname,
  base: '/portal/',
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true },
});
