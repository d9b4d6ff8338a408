// Helper types over the generated OpenAPI types (openapi.d.ts, `npm run gen:api`): the JSON a
// route takes and answers with, looked up by its OpenAPI path and method. Hand-written and
// shape-free: every shape comes from server/openapi.json, so a route or field the server drops
// fails `tsc -p tsconfig.api.json` (scripts/lint.sh) instead of failing on a phone.
import type { components, paths } from './openapi';

/** Every schema of the document: Schemas['Application'], Schemas['Task'], … */
export type Schemas = components['schemas'];

/** An OpenAPI path of the server, e.g. '/api/v1/applications/{id}'. */
export type ApiPath = keyof paths;

/** The lowercase methods the server serves. */
export type Method = 'get' | 'post' | 'put';

/** The methods a path has (the others are `never` in openapi.d.ts). */
export type MethodOf<P extends ApiPath> = {
  [M in Method]: paths[P][M] extends never | undefined ? never : M;
}[Method];

type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON body of the success response (200, 201 or 202) of a route. */
export type Answer<P extends ApiPath, M extends MethodOf<P>> =
  Operation<P, M> extends { responses: infer R }
    ? R extends { 200: infer S }
      ? JsonOf<S>
      : R extends { 201: infer S }
        ? JsonOf<S>
        : R extends { 202: infer S }
          ? JsonOf<S>
          : never
    : never;

/** The JSON request body of a route (`undefined` when it takes none). */
export type RequestJson<P extends ApiPath, M extends MethodOf<P>> =
  Operation<P, M> extends { requestBody: { content: { 'application/json': infer J } } }
    ? J
    : Operation<P, M> extends { requestBody?: { content: { 'application/json': infer J } } }
      ? J | undefined
      : undefined;

/** The path parameters of a route ({ id: string } for '/api/v1/applications/{id}'). */
export type PathParams<P extends ApiPath, M extends MethodOf<P>> =
  Operation<P, M> extends { parameters: { path: infer X } } ? (X extends Record<string, unknown> ? X : never) : never;

/** The query parameters of a route. */
export type QueryParams<P extends ApiPath, M extends MethodOf<P>> =
  Operation<P, M> extends { parameters: { query?: infer X } } ? (X extends Record<string, unknown> ? X : never) : never;
