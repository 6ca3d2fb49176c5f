// Builds the personal tab into dist/tab, where the one Spotter server serves it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/tab',
    // The output lies outside the root, so Vite would otherwise refuse to clear stale files.
    emptyOutDir: true,
  },
});
