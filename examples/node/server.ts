// A tiny Node HTTP adapter serving App-Router-style handlers (`(request: Request) => Promise<Response>`)
// the way Next.js does: one module per route, one export per method.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as classifyRoute from './app/api/runs/classify/route'
import * as pairingRoute from './app/api/pairing/route'
import * as templatesRoute from './app/api/templates/route'

type Handler = (request: Request) => Promise<Response>
const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  '/api/runs/classify': classifyRoute,
  '/api/templates': templatesRoute,
  '/api/pairing': pairingRoute,
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v)
  }
  const method = req.method ?? 'GET'
  const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks)
  return new Request(new URL(req.url ?? '/', origin), { method, headers, body })
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((value, name) => res.setHeader(name, value))
  res.end(Buffer.from(await response.arrayBuffer()))
}

/** Starts the app on 127.0.0.1 (port 0 = ephemeral) and resolves with its base URL. */
export async function start(port = 0): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`
    const path = new URL(req.url ?? '/', origin).pathname
    const handler = ROUTES[path]?.[req.method ?? 'GET']
    const answer = handler
      ? toRequest(req, origin).then(handler)
      : Promise.resolve(Response.json({ error: { code: 'NOT_FOUND' } }, { status: 404 }))
    answer
      .then((response) => send(res, response))
      .catch(async (err: unknown) => send(res, Response.json({ error: { code: 'INTERNAL', message: String(err) } }, { status: 500 })))
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const { port: actual } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${actual}` }
}

if (require.main === module) {
  start(Number(process.env.PORT ?? 3000)).then(({ url }) => console.log(`verity example listening on ${url}`))
}
