// Conditional GET (RFC 9110 §13): whether the copy a client or a CDN already holds is still current.
import type { ObjectInfo } from '../domain/stored-object.js';

export interface ConditionalHeaders {
  'if-none-match'?: string;
  'if-modified-since'?: string;
  'if-range'?: string;
}

const opaque = (etag: string) => etag.trim().replace(/^W\//, '');

/** True when the answer is 304 Not Modified. If-None-Match wins over If-Modified-Since when both are sent. */
export function isNotModified(headers: ConditionalHeaders, info: ObjectInfo): boolean {
  const noneMatch = headers['if-none-match'];
  if (noneMatch !== undefined) {
    if (noneMatch.trim() === '*') return true;
    return noneMatch.split(',').some((etag) => opaque(etag) === opaque(info.etag));
  }
  const since = Date.parse(headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && wholeSeconds(info.lastModified) <= since;
}

/** A Range is honoured only if the client's copy (named by If-Range) is the one we hold. */
export function rangeStillApplies(headers: ConditionalHeaders, info: ObjectInfo): boolean {
  const ifRange = headers['if-range']?.trim();
  if (ifRange === undefined) return true;
  if (ifRange.startsWith('"')) return ifRange === info.etag;
  const date = Date.parse(ifRange);
  return !Number.isNaN(date) && wholeSeconds(info.lastModified) === date;
}

/** HTTP dates have whole seconds; stored times may not. */
const wholeSeconds = (date: Date) => Math.floor(date.getTime() / 1000) * 1000;
