/**
 * Serves a model's stored files to transformers.js under a fresh repository id, through its custom
 * cache, so `from_pretrained(id)` reads them without touching the network. Both backends load
 * through it: transformersLM.ts the tokenizer and the model, ortLM.ts the tokenizer.
 *
 * A mount per loaded model lets two revisions of one repository be loaded side by side. A cache
 * that another library installed before is kept and asked for every key that is not a mount's.
 */
import { env } from '@huggingface/transformers';

/** The files of one repository at one commit. */
export interface ModelFiles {
  /** Returns the file's bytes, or null when the repository has no such file. */
  get(path: string): Promise<Uint8Array | null>;
}

/** The host transformers.js builds file URLs on; nothing is ever fetched from it. */
const STORE_HOST = 'https://model-store.invalid/';
/** Mount ids are `{prefix}/m{n}`. */
const MOUNT_PREFIX = 'store';

type CustomCache = NonNullable<typeof env.customCache>;
type CacheAnswer = Awaited<ReturnType<CustomCache['match']>>;

const mounts = new Map<string, ModelFiles>();
let mountCounter = 0;
let previous: CustomCache | null = null;

const cache: CustomCache = {
  async match(key: string): Promise<CacheAnswer> {
    const found = parseStoreUrl(key);
    const files = found ? mounts.get(found.mount) : undefined;
    if (!found || !files) return previous?.match(key);
    const bytes = await files.get(found.path);
    if (!bytes) return undefined;
    return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'content-length': String(bytes.byteLength) } });
  },
  async put(): Promise<void> {
    // Files arrive through the app's own downloader; transformers.js has nothing to add.
  },
};

function parseStoreUrl(key: string): { mount: string; path: string } | null {
  if (!key.startsWith(STORE_HOST)) return null;
  const match = /^([^/]+\/[^/]+)\/resolve\/[^/]+\/(.+)$/.exec(key.slice(STORE_HOST.length));
  return match ? { mount: match[1]!, path: decodeURIComponent(match[2]!) } : null;
}

function installCache(): void {
  env.allowLocalModels = false;
  env.allowRemoteModels = true;
  env.remoteHost = STORE_HOST;
  env.useBrowserCache = false;
  env.useFSCache = false;
  env.useCustomCache = true;
  if (env.customCache !== cache) {
    previous = env.customCache ?? null;
    env.customCache = cache;
  }
  // Anything the mounted files lack is missing for good: return 404 rather than going online.
  env.fetch = async () => new Response(null, { status: 404, statusText: 'Not in the model store' });
}

/** A mounted repository: pass `id` and `{ revision: MOUNT_REVISION }` to from_pretrained. */
export interface Mount {
  id: string;
  unmount(): void;
}

/** The revision name to pass with a mount id; the files are pinned already. */
export const MOUNT_REVISION = 'pinned';

/** Mounts `files` under a new id until `unmount` is called. */
export function mountFiles(files: ModelFiles): Mount {
  installCache();
  const id = `${MOUNT_PREFIX}/m${++mountCounter}`;
  mounts.set(id, files);
  return { id, unmount: () => mounts.delete(id) };
}
