// One mapping from verity's typed errors to HTTP answers, shared by the route handlers.
import type { VerityError } from 'verity'

export function isVerityError(err: unknown): err is VerityError {
  return err instanceof Error && typeof (err as Partial<VerityError>).code === 'string' && (err as VerityError).code.startsWith('VERITY_')
}

/** 400 (413 for oversized bodies) with `{error: {code, kind, path, message}}`; anything else is rethrown. */
export function errorResponse(err: unknown): Response {
  if (!isVerityError(err)) throw err
  const status = err.code === 'VERITY_TOO_LARGE' ? 413 : 400
  return Response.json({ error: { code: err.code, kind: err.kind, path: err.path, message: err.message } }, { status })
}

/** The raw request body as bytes: verity parses it in Rust (no JSON.parse). */
export async function bodyBytes(request: Request): Promise<Uint8Array> {
  return new Uint8Array(await request.arrayBuffer())
}
