import { describe, expect, it } from 'vitest';
import { loginDelayMs } from '../../../src/services/auth/login-throttle.js';

describe('loginDelayMs', () => {
  const policy = { freeFailures: 10, accountFailures: 100, windowSeconds: 900 };

  it.each([
    [0, 1_000],
    [10, 1_000],
    [11, 2_000],
    [14, 16_000],
    [19, 512_000],
    [20, 900_000],
    [1_000, 900_000],
  ])('waits after %i failures %i ms: doubling past the free ones, never past the window', (failures, ms) => {
    expect(loginDelayMs(failures, policy)).toBe(ms);
  });
});
