// The typed API client, generated from the server's OpenAPI document (`npm run gen:api`).
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });

export type User = components['schemas']['User'];
export type Channel = components['schemas']['Channel'];
export type Video = components['schemas']['Video'];
export type VideoState = Video['state'];
export type Visibility = Video['visibility'];
export type ApiError = components['schemas']['ErrorResponse'];

/** The JSON body an operation of the API takes. */
export type JsonBody<
  Path extends keyof paths,
  Method extends 'post' | 'put' | 'patch',
> = paths[Path][Method] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** The parameters of an operation on one thing, named by its id in the path (`/…/{id}`). */
export const byId = (id: string) => ({ params: { path: { id } } });

/** An error answer from the API, with the message the server wrote for people. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** An answer of 4xx will be the same next time (missing, private, signed out): only other failures retry. */
export const retryUnlessRefused = (failures: number, error: Error) =>
  failures < 2 && !(error instanceof ApiFailure && error.status < 500);

/** The message to show a person for an error answer. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  const body = error as Partial<ApiError> | undefined;
  return body?.error?.message ?? 'Something went wrong; please try again.';
}

interface ApiResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer; any other answer becomes an ApiFailure (queries and mutations throw). */
export async function unwrap<T>(pending: Promise<ApiResult<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok) throw new ApiFailure(response.status, errorMessage(error));
  return data as T;
}
