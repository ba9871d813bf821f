import { describe, expect, it } from 'vitest';
import { isNotModified, rangeStillApplies } from '../../src/http/conditional-request.js';

const info = {
  size: 10,
  contentType: 'video/mp4',
  etag: '"abc"',
  lastModified: new Date('2026-11-20T10:00:00.750Z'),
};
const lastModified = 'Fri, 20 Nov 2026 10:00:00 GMT';

describe('isNotModified', () => {
  it.each([
    [{ 'if-none-match': '"abc"' }, true],
    [{ 'if-none-match': 'W/"abc"' }, true],
    [{ 'if-none-match': '"x", "abc"' }, true],
    [{ 'if-none-match': '*' }, true],
    [{ 'if-none-match': '"x"' }, false],
    [{ 'if-modified-since': lastModified }, true],
    [{ 'if-modified-since': 'Fri, 20 Nov 2026 09:59:59 GMT' }, false],
    [{ 'if-modified-since': 'not a date' }, false],
    [{ 'if-none-match': '"x"', 'if-modified-since': lastModified }, false],
    [{}, false],
  ])('%o → %s', (headers, expected) => {
    expect(isNotModified(headers, info)).toBe(expected);
  });
});

describe('rangeStillApplies', () => {
  it.each([
    [{}, true],
    [{ 'if-range': '"abc"' }, true],
    [{ 'if-range': 'W/"abc"' }, false],
    [{ 'if-range': '"other"' }, false],
    [{ 'if-range': lastModified }, true],
    [{ 'if-range': 'Fri, 20 Nov 2026 09:00:00 GMT' }, false],
  ])('%o → %s', (headers, expected) => {
    expect(rangeStillApplies(headers, info)).toBe(expected);
  });
});
