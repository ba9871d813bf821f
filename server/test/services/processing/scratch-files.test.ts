// A job's source comes down from storage whole, however it is fetched: in ranges at once when it is large,
// in one read when it is small or empty, and not at all when it is missing.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download } from '../../../src/services/processing/scratch-files.js';
import { startTestPlatform, type TestPlatform } from '../../support/test-platform.js';

let test: TestPlatform;
let dir: string;

beforeAll(async () => {
  test = await startTestPlatform();
  dir = await mkdtemp(path.join(os.tmpdir(), 'vidstream-download-'));
});
afterAll(async () => {
  await test.close();
  await rm(dir, { recursive: true, force: true });
});

const RANGE = 256 * 1024;

describe('download', () => {
  it.each([
    ['in ranges, the last one short', RANGE * 5 + 1234],
    ['in exactly whole ranges', RANGE * 3],
    ['in one read when smaller than a range', 1000],
    ['as an empty file', 0],
  ])('copies an object %s, byte for byte', async (_, size) => {
    const bytes = randomBytes(size);
    const key = `uploads/download-${size}`;
    await test.platform.storage.putObject('raw', key, bytes, { contentType: 'video/mp4' });
    const file = path.join(dir, `copy-${size}`);
    expect(await download(test.platform.storage, 'raw', key, file, RANGE)).toBe(true);
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });

  it('says so when there is no such object, and writes nothing', async () => {
    const file = path.join(dir, 'missing');
    expect(await download(test.platform.storage, 'raw', 'uploads/none', file, RANGE)).toBe(false);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });
});
