// The typed API client, generated from the server's OpenAPI document (`npm run gen:api`).
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });

export type User = components['schemas']['User'];
export type ApiError = components['schemas']['ErrorResponse'];

/** The message to show a person for an error answer. */
export function errorMessage(error: unknown): string {
  const body = error as Partial<ApiError> | undefined;
  return body?.error?.message ?? 'Something went wrong; please try again.';
}
