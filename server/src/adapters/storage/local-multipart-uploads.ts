// Multipart uploads on local disk: each upload is a folder of part files under `<root>/uploads/<id>/`;
// completing streams them, in order, into the raw object. Part URLs are signed grants for the API route.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAX_PART_NUMBER, type PartReference, type UploadedPart } from '../../domain/upload.js';
import type { LocalDiskStorage } from './local-disk-storage.js';
import { type MultipartUploads, UploadPartRefused } from './multipart-uploads.js';
import { assertSafeKey } from './object-storage.js';
import { signPartGrant } from './part-url-signature.js';

interface UploadRecord {
  key: string;
  contentType: string;
}

const UPLOAD_ID = /^[A-Za-z0-9_-]{22}$/;
/** Where the signed part URLs point: the API's own part endpoint. */
export const LOCAL_PART_PATH = '/api/v1/upload-parts';

export class LocalMultipartUploads implements MultipartUploads {
  constructor(
    private readonly options: {
      rootDir: string;
      storage: LocalDiskStorage;
      secret: string;
    },
  ) {}

  async create(key: string, contentType: string): Promise<string> {
    assertSafeKey(key);
    const uploadId = randomBytes(16).toString('base64url');
    await mkdir(this.uploadDir(uploadId), { recursive: true });
    const record: UploadRecord = { key, contentType };
    await writeFile(path.join(this.uploadDir(uploadId), 'upload.json'), JSON.stringify(record));
    return uploadId;
  }

  async partUrl(_key: string, uploadId: string, partNumber: number, maxBytes: number, expiresAt: Date) {
    const grant = { uploadId, partNumber, maxBytes, expiresAt: Math.floor(expiresAt.getTime() / 1000) };
    const query = new URLSearchParams({
      expires: String(grant.expiresAt),
      maxBytes: String(maxBytes),
      signature: signPartGrant(this.options.secret, grant),
    });
    return `${LOCAL_PART_PATH}/${uploadId}/${partNumber}?${query}`;
  }

  /** Streams one part to disk, refusing it the moment it passes `maxBytes`; a part sent again replaces it. */
  async writePart(
    uploadId: string,
    partNumber: number,
    body: Readable,
    maxBytes: number,
  ): Promise<UploadedPart> {
    await this.record(uploadId);
    checkPartNumber(partNumber);
    const file = this.partFile(uploadId, partNumber);
    const partial = `${file}.${randomBytes(6).toString('hex')}.partial`;
    const hash = createHash('md5');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes)
          return done(new UploadPartRefused('too_large', `part is larger than ${maxBytes} bytes`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(partial));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    const part: UploadedPart = { partNumber, etag: `"${hash.digest('hex')}"`, size };
    // Written last: a part without its record (a crash in between) counts as not stored.
    await writeFile(`${file}.json`, JSON.stringify(part));
    return part;
  }

  async listParts(_key: string, uploadId: string): Promise<UploadedPart[]> {
    await this.record(uploadId);
    const dir = this.uploadDir(uploadId);
    const records = (await readdir(dir)).filter((name) => /^part-\d{5}\.json$/.test(name)).sort();
    return Promise.all(
      records.map(async (name) => JSON.parse(await readFile(path.join(dir, name), 'utf8')) as UploadedPart),
    );
  }

  async complete(key: string, uploadId: string, parts: PartReference[]): Promise<void> {
    const record = await this.record(uploadId);
    if (record.key !== key)
      throw new UploadPartRefused('unknown_upload', 'upload does not belong to this object');
    const stored = new Map((await this.listParts(key, uploadId)).map((part) => [part.partNumber, part.etag]));
    const ascending = parts.every(
      (part, index) => index === 0 || part.partNumber > (parts[index - 1]?.partNumber ?? 0),
    );
    if (parts.length === 0 || !ascending || parts.some((part) => stored.get(part.partNumber) !== part.etag)) {
      throw new UploadPartRefused('parts_mismatch', 'the parts listed are not the parts stored');
    }
    const files = parts.map((part) => this.partFile(uploadId, part.partNumber));
    await this.options.storage.putObject('raw', key, Readable.from(concatenate(files)), {
      contentType: record.contentType,
    });
    await rm(this.uploadDir(uploadId), { recursive: true, force: true });
  }

  async abort(_key: string, uploadId: string): Promise<void> {
    if (UPLOAD_ID.test(uploadId)) await rm(this.uploadDir(uploadId), { recursive: true, force: true });
  }

  private async record(uploadId: string): Promise<UploadRecord> {
    const text = UPLOAD_ID.test(uploadId)
      ? await readFile(path.join(this.uploadDir(uploadId), 'upload.json'), 'utf8').catch(() => undefined)
      : undefined;
    if (text === undefined) throw new UploadPartRefused('unknown_upload', 'no such upload in progress');
    return JSON.parse(text) as UploadRecord;
  }

  private uploadDir(uploadId: string): string {
    return path.join(this.options.rootDir, 'uploads', uploadId);
  }

  private partFile(uploadId: string, partNumber: number): string {
    return path.join(this.uploadDir(uploadId), `part-${String(partNumber).padStart(5, '0')}`);
  }
}

function checkPartNumber(partNumber: number): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw new UploadPartRefused('bad_part_number', `part numbers run from 1 to ${MAX_PART_NUMBER}`);
  }
}

async function* concatenate(files: string[]): AsyncGenerator<Buffer> {
  for (const file of files) yield* createReadStream(file);
}
