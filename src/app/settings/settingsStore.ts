/**
 * The settings, the one module that owns them: the Hub endpoint, the access token and the device.
 * The endpoint and the device are saved in IndexedDB; the token stays in this tab's memory only, so
 * it never reaches storage, a permalink, a result or a log.
 */
import { create } from 'zustand';
import { getSetting, putSetting } from '../../hub/store';
import type { DevicePreference } from '../../worker/protocol';
import { createLogger } from '../../util/logger';

const log = createLogger('settings');

/** The default Hub endpoint. */
export const DEFAULT_ENDPOINT = 'https://huggingface.co';

interface SettingsState {
  endpoint: string;
  token: string;
  device: DevicePreference;
  setEndpoint(endpoint: string): void;
  setToken(token: string): void;
  setDevice(device: DevicePreference): void;
}

/** Checks an endpoint URL; returns a message for the user, or null when it is usable. */
export function endpointProblem(endpoint: string): string | null {
  try {
    const url = new URL(endpoint);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The endpoint must be an http or https URL.';
    return null;
  } catch {
    return `"${endpoint}" is not a URL; enter one such as ${DEFAULT_ENDPOINT}.`;
  }
}

export const useSettings = create<SettingsState>()((set) => ({
  endpoint: DEFAULT_ENDPOINT,
  token: '',
  device: 'auto',
  setEndpoint(endpoint) {
    const cleaned = endpoint.trim().replace(/\/+$/, '');
    set({ endpoint: cleaned });
    if (endpointProblem(cleaned) === null) putSetting('endpoint', cleaned).catch((e: unknown) => log.warn('saving the endpoint failed', e));
  },
  setToken(token) {
    set({ token: token.trim() });
  },
  setDevice(device) {
    set({ device });
    putSetting('device', device).catch((e: unknown) => log.warn('saving the device failed', e));
  },
}));

/** Reads the saved settings into the store. */
export async function loadSettings(): Promise<void> {
  const [endpoint, device] = await Promise.all([getSetting<string>('endpoint'), getSetting<DevicePreference>('device')]);
  useSettings.setState({
    ...(typeof endpoint === 'string' && endpointProblem(endpoint) === null ? { endpoint } : {}),
    ...(device === 'auto' || device === 'webgpu' || device === 'wasm' ? { device } : {}),
  });
}
