/** The Chromium the browser tests drive: Debian's package, headless, with WebGPU on SwiftShader. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags without the ones that reach out to Google's hosts, which this network refuses. */
export const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** Flags of the default test browser: WebGPU enabled on SwiftShader. */
export const CHROMIUM_ARGS = [...BASE_ARGS, '--enable-unsafe-webgpu'];
