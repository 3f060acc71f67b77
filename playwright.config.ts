import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';

const PORT = 4173;

// Debian's Chromium, never a downloaded one. WebGPU runs on SwiftShader (a CPU emulation), so the
// browser tests keep their runs small with the item limit.
export default defineConfig({
  testDir: 'e2e',
  timeout: 10 * 60_000,
  expect: { timeout: 60_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
  },
  webServer: {
    // --bypass-lock: Vite 8 refuses to build or preview while another Vite process of the project runs.
    command: `npx vite build --logLevel warn --bypass-lock && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --bypass-lock`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000,
  },
});
