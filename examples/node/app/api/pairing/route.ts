// POST /api/pairing with an analysis document (`{images: [...]}`) as the body: pairs the batch
// off the event loop under the thresholds of the environment (PAIR_AUTO_SCORE, ...).
import { pairAsync, pairingConfigFromEnv } from 'verity'
import { bodyBytes, errorResponse } from '../../../lib/errors'

export async function POST(request: Request): Promise<Response> {
  try {
    const config = pairingConfigFromEnv(process.env)
    const pairing = await pairAsync(await bodyBytes(request), config, null, request.signal)
    return Response.json(pairing)
  } catch (err) {
    return errorResponse(err)
  }
}
