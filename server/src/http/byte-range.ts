// The Range header of a GET, as RFC 9110 §14 has it, reduced to what players send: one range of bytes.
import type { ByteRange } from '../domain/stored-object.js';

export type RangeRequest = { kind: 'whole' } | { kind: 'part'; range: ByteRange } | { kind: 'unsatisfiable' };

const WHOLE: RangeRequest = { kind: 'whole' };
const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/** A header we do not understand, or several ranges, gets the whole object: a server may ignore Range. */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  const match = header?.trim().match(SINGLE_RANGE);
  if (!match) return WHOLE;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return WHOLE;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return WHOLE;
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'part', range: { start, end } };
}
