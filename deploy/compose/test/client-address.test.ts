// Whose address a per-address limit counts behind the stack's Caddy, as compose.yaml ships it: the api's
// TRUST_PROXY (read from the file) is fed to the real API, and log-ins arrive as Caddy delivers them.
// Caddy replaces the X-Forwarded-For of a client it does not trust (the Caddyfile trusts none) with the
// address it saw; the hop count also holds should Caddy be told to trust a proxy in front and append.
import { describe, expect, it } from 'vitest';
import { apiFor, failedLogIns, someAddress, throughCaddy } from '../../support/api-behind-proxy.js';
import { compose, interpolate, readComposeFile } from './stack.js';

const LIMIT = 3;
/** The proxy container's address on the stack's network: the peer of every request the api gets. */
const CADDY = '172.18.0.5';
const trustProxy = interpolate(compose().services.api?.environment?.TRUST_PROXY ?? '', new Map());

describe('the Caddyfile', () => {
  it('trusts no proxy in front of Caddy, so Caddy writes X-Forwarded-For itself', () => {
    expect(readComposeFile('Caddyfile')).not.toMatch(/trusted_proxies/);
  });
});

describe('the api with the TRUST_PROXY compose.yaml gives it', () => {
  const api = apiFor({ TRUST_PROXY: trustProxy, LOGIN_RATE_LIMIT_PER_MINUTE: String(LIMIT) });

  it('counts log-ins by the address Caddy saw, whatever the client sent', async () => {
    const client = someAddress();
    const attempts = Array.from({ length: LIMIT + 2 }, () => throughCaddy(client, someAddress(), CADDY));
    expect(await failedLogIns(api().app, attempts)).toEqual([...Array(LIMIT).fill(401), 429, 429]);
  });

  it('still counts the right-most hop if Caddy appends (a trusted proxy in front of it)', async () => {
    const front = someAddress();
    const attempts = Array.from({ length: LIMIT + 1 }, () =>
      throughCaddy(front, `${someAddress()}, ${someAddress()}`, CADDY, true),
    );
    expect(await failedLogIns(api().app, attempts)).toEqual([...Array(LIMIT).fill(401), 429]);
  });

  it('keeps other clients’ budgets apart', async () => {
    expect(await failedLogIns(api().app, [throughCaddy(someAddress(), undefined, CADDY)])).toEqual([401]);
  });
});
