/**
 * Test helper (Node only): serves a folder written in the Hub's URL layout (see scripts/hubLayout.ts)
 * over HTTP on 127.0.0.1, as a static web server does: query strings ignored, Range honoured.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileFetch } from '../cli/fileFetch';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

/** A running server: its base URL (the endpoint) and a way to stop it. */
export interface StaticHub {
  url: string;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts serving `dir` on a free port of 127.0.0.1. */
export async function serveHubFolder(dir: string): Promise<StaticHub> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push(path);
    const headers: Record<string, string> = {};
    if (req.headers.range) headers.range = req.headers.range;
    fileFetch(pathToFileURL(join(dir, path)).href, { headers })
      .then(async (answer) => {
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
