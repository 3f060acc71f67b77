/**
 * A static server for the generated test hub (scripts/onnx/testHub.ts), so the browser tests can use
 * it as a Hub endpoint. It binds 127.0.0.1 on a free port and honours `Range: bytes=a-b` as a static
 * web server does. It also sends the CORS headers a cross-origin-isolated page needs to read its responses.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { ensureTestHub } from '../scripts/onnx/testHub';

/** A running test hub: its base URL (no trailing slash) and how to stop it. */
export interface TestHubServer {
  url: string;
  close(): Promise<void>;
}

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Range, Authorization',
  'access-control-expose-headers': 'Content-Range, Content-Length, Accept-Ranges',
  'cross-origin-resource-policy': 'cross-origin',
};

async function answer(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
  if (request.method === 'OPTIONS') {
    response.writeHead(204).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  const path = normalize(join(root, pathname));
  if (!path.startsWith(root + sep)) {
    response.writeHead(403).end();
    return;
  }
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }

  const type = pathname.includes('/api/') ? 'application/json' : 'application/octet-stream';
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
  const start = range ? Number(range[1]) : 0;
  const end = range && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
  if (range && start > end) {
    response.writeHead(416, { 'content-range': `bytes */${size}` }).end();
    return;
  }
  const headers: Record<string, string> = { 'content-type': type, 'content-length': String(end - start + 1), 'accept-ranges': 'bytes' };
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  response.writeHead(range ? 206 : 200, headers);
  if (request.method === 'HEAD' || size === 0) {
    response.end();
    return;
  }
  createReadStream(path, { start, end }).pipe(response);
}

/** Builds the test hub if needed and serves it on 127.0.0.1. */
export async function startTestHubServer(): Promise<TestHubServer> {
  const root = normalize(ensureTestHub());
  const server = createServer((request, response) => {
    answer(root, request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
