import { defineConfig } from 'vite';

// The staff console is served under /console/ (local gateway; the portal's CloudFront distribution in AWS) and calls
// the API on the same origin, as the portal does.
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true },
});
