/**
 * The settings, the one module that owns them: the Hub endpoint, the access token, the request
 * timeout and the device. The endpoint, the timeout and the device are saved in IndexedDB; the token
 * stays in this tab's memory only, so it never reaches storage, a permalink, a result or a log.
 */
import { create } from 'zustand';
import { getSetting, putSetting } from '../../hub/store';
import type { DevicePreference } from '../../worker/protocol';
import { createLogger } from '../../util/logger';

const log = createLogger('settings');

/** The default Hub endpoint. */
export const DEFAULT_ENDPOINT = 'https://huggingface.co';
/** Default seconds without data before a download request is abandoned and retried. */
export const DEFAULT_TIMEOUT_SECONDS = 30;
/** Allowed range of the request timeout, in seconds. */
export const TIMEOUT_RANGE = { min: 1, max: 600 } as const;

interface SettingsState {
  endpoint: string;
  token: string;
  /** Seconds without data before a download request is abandoned and retried. */
  timeoutSeconds: number;
  device: DevicePreference;
  setEndpoint(endpoint: string): void;
  setToken(token: string): void;
  setTimeoutSeconds(seconds: number): void;
  setDevice(device: DevicePreference): void;
}

/**
 * Checks an endpoint URL; returns a message for the user, or null when it is usable. The endpoint is
 * saved and written into results and share links, so it may not carry a user name or password.
 */
export function endpointProblem(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return `"${endpoint}" is not a URL; enter one such as ${DEFAULT_ENDPOINT}.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The endpoint must be an http or https URL.';
  if (url.username || url.password) {
    return 'The endpoint must not contain a user name or password, because it is saved and shared in links. Put the token in the access token field.';
  }
  if (url.search || url.hash) return 'The endpoint must be a base URL without a query or a fragment, such as https://huggingface.co.';
  return null;
}

/** Checks a request timeout in seconds; returns a message for the user, or null when it is usable. */
export function timeoutProblem(seconds: number): string | null {
  if (!Number.isInteger(seconds) || seconds < TIMEOUT_RANGE.min || seconds > TIMEOUT_RANGE.max) {
    return `The request timeout must be a whole number of seconds from ${TIMEOUT_RANGE.min} to ${TIMEOUT_RANGE.max}.`;
  }
  return null;
}

export const useSettings = create<SettingsState>()((set) => ({
  endpoint: DEFAULT_ENDPOINT,
  token: '',
  timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
  device: 'auto',
  setEndpoint(endpoint) {
    const cleaned = endpoint.trim().replace(/\/+$/, '');
    set({ endpoint: cleaned });
    if (endpointProblem(cleaned) === null) putSetting('endpoint', cleaned).catch((e: unknown) => log.warn('saving the endpoint failed', e));
  },
  setToken(token) {
    set({ token: token.trim() });
  },
  setTimeoutSeconds(seconds) {
    if (timeoutProblem(seconds) !== null) return;
    set({ timeoutSeconds: seconds });
    putSetting('timeoutSeconds', seconds).catch((e: unknown) => log.warn('saving the request timeout failed', e));
  },
  setDevice(device) {
    set({ device });
    putSetting('device', device).catch((e: unknown) => log.warn('saving the device failed', e));
  },
}));

/** Reads the saved settings into the store. */
export async function loadSettings(): Promise<void> {
  const [endpoint, device, timeoutSeconds] = await Promise.all([
    getSetting<string>('endpoint'),
    getSetting<DevicePreference>('device'),
    getSetting<number>('timeoutSeconds'),
  ]);
  useSettings.setState({
    ...(typeof endpoint === 'string' && endpointProblem(endpoint) === null ? { endpoint } : {}),
    ...(typeof timeoutSeconds === 'number' && timeoutProblem(timeoutSeconds) === null ? { timeoutSeconds } : {}),
    ...(device === 'auto' || device === 'webgpu' || device === 'wasm' ? { device } : {}),
  });
}
