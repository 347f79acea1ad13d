import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 20_000,
    env: { LOG_LEVEL: 'silent' },
    // Forced garbage collection for the heap figures of tests/reliability/load*.
    execArgv: ['--expose-gc'],
  },
});
