// Builds the personal tab and the Outlook task pane into dist/tab, where the Spotter server serves them.
import path from 'node:path';
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
    // Two pages: the tab, and the Outlook add-in's task pane.
    rollupOptions: {
      input: {
        main: path.join(import.meta.dirname, 'index.html'),
        outlook: path.join(import.meta.dirname, 'outlook.html'),
      },
    },
  },
});
