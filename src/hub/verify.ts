/**
 * Checks downloaded bytes against what the Hub's file list says: the size always, the sha256 for
 * files stored in LFS or Xet, and the git blob id for the others.
 */
import type { RepoFile } from './client';

/** The bytes do not match the listing: a broken or tampered download. */
export class IntegrityError extends Error {
  readonly code = 'integrity';
  constructor(readonly path: string, detail: string) {
    super(`${path} failed its integrity check (${detail}). The copy was discarded; download it again.`);
    this.name = 'IntegrityError';
  }
}

function toHex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** sha256 of the bytes, lower-case hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** Git's blob id of the bytes: sha1 of `blob {size}\0` followed by the content. */
export async function gitBlobId(bytes: Uint8Array): Promise<string> {
  const header = new TextEncoder().encode(`blob ${bytes.byteLength}\0`);
  const whole = new Uint8Array(header.byteLength + bytes.byteLength);
  whole.set(header, 0);
  whole.set(bytes, header.byteLength);
  return toHex(await crypto.subtle.digest('SHA-1', whole));
}

/** Throws an IntegrityError unless the bytes have the listed size and hash. */
export async function verifyFile(file: RepoFile, bytes: Uint8Array): Promise<void> {
  if (bytes.byteLength !== file.size) {
    throw new IntegrityError(file.path, `${bytes.byteLength} bytes, expected ${file.size}`);
  }
  if (file.sha256) {
    const actual = await sha256Hex(bytes);
    if (actual !== file.sha256) throw new IntegrityError(file.path, `sha256 ${actual}, expected ${file.sha256}`);
  } else if (file.gitOid) {
    const actual = await gitBlobId(bytes);
    if (actual !== file.gitOid) throw new IntegrityError(file.path, `git blob id ${actual}, expected ${file.gitOid}`);
  }
}
