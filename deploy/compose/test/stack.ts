// Reads the compose stack as the tests see it: compose.yaml parsed (anchors and merge keys resolved),
// .env.example as documented variables, and compose's `${…}` interpolation for the forms we use.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const COMPOSE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const readComposeFile = (name: string) => readFileSync(path.join(COMPOSE_DIR, name), 'utf8');

export interface Healthcheck {
  test?: string[];
  disable?: boolean;
}
export interface Service {
  image?: string;
  build?: string;
  command?: string | string[];
  container_name?: string;
  restart?: string;
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: Healthcheck;
  depends_on?: Record<string, { condition?: string }> | string[];
  volumes?: string[];
  stop_grace_period?: string;
}
export interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

export const compose = (): ComposeFile => parse(readComposeFile('compose.yaml'), { merge: true });

/** The services that run the VidStream image. */
export const VIDSTREAM_SERVICES = ['migrate', 'api', 'worker', 'live'];

/** `NAME=value` lines of an env file (comments and blank lines skipped). */
export function parseEnvFile(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1] !== undefined) values.set(match[1], match[2] ?? '');
  }
  return values;
}

// `$$` (a literal dollar), `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`, `$NAME`.
const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export interface Reference {
  name: string;
  operator: string | undefined;
  argument: string | undefined;
}

export function references(text: string): Reference[] {
  return [...text.matchAll(REFERENCE)].flatMap(([whole, braced, operator, argument, bare]) =>
    whole === '$$' ? [] : [{ name: (braced ?? bare) as string, operator, argument }],
  );
}

/** Every string in a parsed document: compose interpolates values, never keys. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** Compose's interpolation, as `docker compose config` would do it with `variables` as the .env file. */
export function interpolate(text: string, variables: Map<string, string>): string {
  return text.replace(REFERENCE, (whole, braced, operator, argument, bare) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare) as string;
    const value = variables.get(name);
    const missing = operator?.startsWith(':') ? !value : value === undefined;
    if (!missing) return value as string;
    if (operator?.endsWith('?')) throw new Error(`${name}: ${argument}`);
    return operator?.endsWith('-') ? argument : '';
  });
}
