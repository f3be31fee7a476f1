// POST /api/runs/classify?mode=REQUIRED[&model=gpt-5] with the provider's raw response as the body.
import { classify, type RequestedMode } from 'verity'
import { bodyBytes, errorResponse } from '../../../../lib/errors'

const MODES: readonly RequestedMode[] = ['UNGROUNDED', 'PREFERRED', 'REQUIRED']

export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url)
  const mode = url.searchParams.get('mode') ?? 'REQUIRED'
  if (!(MODES as readonly string[]).includes(mode)) {
    return Response.json({ error: { code: 'BAD_MODE', message: `mode must be one of ${MODES.join(', ')}` } }, { status: 400 })
  }
  try {
    const outcome = classify(await bodyBytes(request), mode as RequestedMode, { model: url.searchParams.get('model') })
    // A failed enforcement is a valid answer (200): the run record says failed, and stays failed.
    return Response.json(outcome)
  } catch (err) {
    return errorResponse(err)
  }
}
