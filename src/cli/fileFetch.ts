/**
 * A fetch for `file:` URLs, so the command line reads the bundled repositories from disk through the
 * same Hub client as any HTTP endpoint. Query strings are ignored and `Range: bytes=a-b` is honoured,
 * as a static web server does.
 */
import { open, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Fetches `file:` URLs from disk and passes every other URL to the global fetch. */
export const fileFetch: typeof fetch = async (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  if (url.protocol !== 'file:') return fetch(input, init);
  url.search = '';
  const path = fileURLToPath(url);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return new Response('not a file', { status: 404 });
    size = info.size;
  } catch {
    return new Response('not found', { status: 404 });
  }

  const range = /^bytes=(\d+)-(\d*)$/.exec(new Headers(init?.headers).get('range') ?? '');
  const start = range ? Number(range[1]) : 0;
  const end = range && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (start > end && size > 0) return new Response(null, { status: 416, headers: { 'content-range': `bytes */${size}` } });

  const handle = await open(path, 'r');
  try {
    const length = Math.max(0, end - start + 1);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, start);
    const headers: Record<string, string> = { 'content-length': String(length) };
    if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    return new Response(buffer, { status: range ? 206 : 200, headers });
  } finally {
    await handle.close();
  }
};
