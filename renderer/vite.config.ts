import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run from the repository root (npm run build:renderer). One build for both hosts: relative
// asset URLs work under `kirinuki serve` and in the Electron window, and there is no inline
// script, so the strict CSP holds.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
