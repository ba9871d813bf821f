// The requests the CDN revocation store sends to the CloudFront key value store API, seen by a local
// stand-in: signed with SigV4a at the account's endpoint, every write conditional on the store's ETag.
import { ConflictException } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CdnRevocationStore, minVersionKey } from '../../../src/adapters/cdn/cdn-revocation-store.js';
import {
  type KeyValueStoreStandIn,
  STORE_ACCOUNT,
  STORE_ARN,
  startKeyValueStoreStandIn,
} from '../../support/key-value-store-stand-in.js';

const VIDEO = 'dQw4w9WgXcQ';
const KEY = minVersionKey(VIDEO);
let standIn: KeyValueStoreStandIn;
let store: CdnRevocationStore;

beforeAll(async () => {
  standIn = await startKeyValueStoreStandIn();
  store = new CdnRevocationStore(STORE_ARN, standIn.client());
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.entries.clear();
  standIn.requests.length = 0;
});

const sent = () => standIn.requests.map(({ method, path }) => `${method} ${path}`);

describe('CdnRevocationStore', () => {
  it('raises an absent minimum with a PUT conditional on the ETag it read, signed with SigV4a', async () => {
    const etag = standIn.etag();
    await store.raise(VIDEO, 1);
    expect(KEY).toBe(`min-version-${VIDEO}`);
    expect(sent()).toEqual(['GET ', `GET /keys/${KEY}`, `PUT /keys/${KEY}`]);
    const put = standIn.requests[2];
    expect(put?.headers['if-match']).toBe(etag);
    expect(JSON.parse(put?.body ?? '')).toEqual({ Value: '1' });
    for (const request of standIn.requests) {
      expect(request.headers.host).toMatch(new RegExp(`^${STORE_ACCOUNT}\\.localhost:\\d+$`));
      expect(request.headers.authorization).toMatch(/^AWS4-ECDSA-P256-SHA256 Credential=AKIDSTANDIN\//);
      expect(request.headers['x-amz-region-set']).toBe('*');
    }
    expect(standIn.entries.get(KEY)).toBe('1');
  });

  it('never lowers a stored minimum', async () => {
    standIn.entries.set(KEY, '5');
    await store.raise(VIDEO, 3);
    await store.raise(VIDEO, 5);
    expect(sent().filter((request) => request.startsWith('PUT'))).toEqual([]);
    await store.raise(VIDEO, 7);
    expect(standIn.entries.get(KEY)).toBe('7');
  });

  it('reads again and retries when another writer changed the store between its read and its write', async () => {
    standIn.beforeNextWrite(() => standIn.entries.set('playback-key-v1', 'rotated'));
    await store.raise(VIDEO, 2);
    expect(sent()).toEqual([
      'GET ',
      `GET /keys/${KEY}`,
      `PUT /keys/${KEY}`, // refused with 409: the ETag moved on
      'GET ',
      `GET /keys/${KEY}`,
      `PUT /keys/${KEY}`,
    ]);
    const [refused, accepted] = [standIn.requests[2], standIn.requests[5]];
    expect(accepted?.headers['if-match']).not.toBe(refused?.headers['if-match']);
    expect(standIn.entries.get(KEY)).toBe('2');
  });

  it('stops after five conflicts in a row, leaving the retry to its job', async () => {
    const interfereAgain = () => standIn.beforeNextWrite(interfereAgain);
    interfereAgain();
    await expect(store.raise(VIDEO, 4)).rejects.toBeInstanceOf(ConflictException);
    expect(sent().filter((request) => request.startsWith('PUT'))).toHaveLength(5);
    expect(standIn.entries.has(KEY)).toBe(false);
    standIn.beforeNextWrite(() => undefined);
    standIn.requests.length = 0;
    await store.raise(VIDEO, 4); // one more conflict, then through
    expect(standIn.entries.get(KEY)).toBe('4');
  });

  it('forgets the minimum only while it is still the one of that revocation', async () => {
    standIn.entries.set(KEY, '3');
    await store.forget(VIDEO, 2); // a later revocation raised it: keep it
    expect(standIn.entries.get(KEY)).toBe('3');
    expect(sent().filter((request) => request.startsWith('DELETE'))).toEqual([]);
    const etag = standIn.etag();
    await store.forget(VIDEO, 3);
    expect(standIn.entries.has(KEY)).toBe(false);
    expect(standIn.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/keys/${KEY}` });
    expect(standIn.requests.at(-1)?.headers['if-match']).toBe(etag);
    await store.forget(VIDEO, 3); // already gone: nothing to do
    expect(standIn.requests.at(-1)?.method).toBe('GET');
  });

  it('passes on what the store refuses, for the job to retry', async () => {
    standIn.failNext(1);
    await expect(store.raise(VIDEO, 1)).rejects.toThrow();
    expect(standIn.entries.has(KEY)).toBe(false);
  });
});
