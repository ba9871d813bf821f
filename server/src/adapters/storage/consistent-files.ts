// An object kept as two files, its bytes and a sidecar of metadata, that readers see as one write, as S3
// does: the bytes are written under a temporary name and renamed into place, the sidecar (replaced whole
// first) names the inode of the bytes it describes, and a reader that finds bytes and sidecar from two
// different writes reads again. Growing playlists are rewritten every second while players read them.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, type Stats } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a sidecar holds to be matched with its bytes; one without (or none at all) is taken as it is. */
export interface Sidecar {
  inode?: number;
}

/** What was written: the bytes' length, MD5 (hex) and the inode the sidecar must name. */
export interface WrittenBytes {
  size: number;
  md5: string;
  inode: number;
}

/** A writer that replaces in place is done within milliseconds; this many rereads means it never will. */
const REREADS = 200;

/**
 * Writes `body` to `file` whole. `sidecar.textFor` gets the written bytes' facts; the text it returns is
 * in place before the bytes are.
 */
export async function writeWithSidecar(
  file: string,
  body: Buffer | Readable,
  sidecar: { file: string; textFor: (written: WrittenBytes) => string },
): Promise<WrittenBytes> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = temporaryName(file);
  try {
    const hash = createHash('md5');
    let size = 0;
    await pipeline(
      Buffer.isBuffer(body) ? Readable.from([body]) : body,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      }),
      createWriteStream(temporary),
    );
    const written = { size, md5: hash.digest('hex'), inode: (await stat(temporary)).ino };
    await replaceWhole(sidecar.file, sidecar.textFor(written));
    await rename(temporary, file);
    return written;
  } finally {
    await rm(temporary, { force: true });
  }
}

/** The bytes' file facts with the sidecar of the same write; undefined when the object is missing. */
export async function statWithSidecar<T extends Sidecar>(
  file: string,
  readSidecar: () => Promise<T | undefined>,
): Promise<{ stats: Stats; sidecar: T | undefined } | undefined> {
  for (let attempt = 0; attempt < REREADS; attempt += 1) {
    const stats = await stat(file).catch(missing);
    if (!stats?.isFile()) return undefined;
    const sidecar = await readSidecar();
    if (matches(sidecar, stats)) return { stats, sidecar };
    await sleep(1);
  }
  throw unsettled(file);
}

/**
 * The bytes opened, with their facts and the sidecar of the same write; undefined when the object is
 * missing. The caller owns the handle (a read stream made from it closes it).
 */
export async function openWithSidecar<T extends Sidecar>(
  file: string,
  readSidecar: () => Promise<T | undefined>,
): Promise<{ handle: FileHandle; stats: Stats; sidecar: T | undefined } | undefined> {
  for (let attempt = 0; attempt < REREADS; attempt += 1) {
    const handle = await open(file).catch(missing);
    if (!handle) return undefined;
    try {
      const stats = await handle.stat();
      const sidecar = await readSidecar();
      if (stats.isFile() && matches(sidecar, stats)) return { handle, stats, sidecar };
    } catch (error) {
      await handle.close();
      throw error;
    }
    await handle.close();
    await sleep(1);
  }
  throw unsettled(file);
}

/** Replaces a small file at once: readers see the old text or the new, never part of it. */
async function replaceWhole(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = temporaryName(file);
  try {
    await pipeline(Readable.from([text]), createWriteStream(temporary));
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

function matches(sidecar: Sidecar | undefined, stats: Stats): boolean {
  return sidecar?.inode === undefined || sidecar.inode === stats.ino;
}

/** Beside the file, so the rename stays on one file system. */
function temporaryName(file: string): string {
  return `${file}.${randomBytes(6).toString('hex')}.partial`;
}

function missing(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  throw error;
}

function unsettled(file: string): Error {
  return new Error(`${file} kept changing while it was read`);
}
