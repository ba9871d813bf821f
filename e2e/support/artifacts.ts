// Where the suite leaves what a person may want to look at: screenshots, the app's log, measurements.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ARTIFACTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');
mkdirSync(ARTIFACTS_DIR, { recursive: true });

export const artifactPath = (name: string) => path.join(ARTIFACTS_DIR, name);
