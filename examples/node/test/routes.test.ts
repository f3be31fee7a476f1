// The route handlers served over real HTTP on 127.0.0.1 and called with fetch.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Server } from 'node:http'
import type { ClassifyOutcome, PairingResult } from 'verity'
import { start } from '../server'

const REPO = process.env.VERITY_REPO ?? join(__dirname, '..', '..', '..')
const fixture = (...parts: string[]): string => readFileSync(join(REPO, 'tests', ...parts), 'utf8')

let server: Server
let base = ''
before(async () => {
  const started = await start(0)
  server = started.server
  base = started.url
})
after(() => new Promise<void>((resolve) => server.close(() => resolve())))

test('classify: a REQUIRED run without a successful search is failed (200), bad bodies are 400 with a path', async () => {
  const body = fixture('fixtures', 'responses', 'openai_responses', 'web_search_failed.json')
  const res = await fetch(`${base}/api/runs/classify?mode=REQUIRED`, { method: 'POST', body })
  assert.equal(res.status, 200)
  const outcome = (await res.json()) as ClassifyOutcome
  assert.equal(outcome.status, 'failed')
  assert.equal(outcome.enforcement_passed, false)

  const bad = await fetch(`${base}/api/runs/classify?mode=REQUIRED`, { method: 'POST', body: '{"object": "response", "output": [{"type": "web_search_call", "status": 7}]}' })
  assert.equal(bad.status, 400)
  const error = (await bad.json()) as { error: { code: string; path: string } }
  assert.equal(error.error.code, 'VERITY_INVALID_INPUT')
  assert.equal(error.error.path, '$.output[0].status')
  const badMode = await fetch(`${base}/api/runs/classify?mode=SOMETIMES`, { method: 'POST', body })
  assert.equal(badMode.status, 400)
})

const TEMPLATE = {
  org_id: 'org-1',
  workspace_id: 'ws-1',
  name: 'Brand analysis',
  system_instructions: 'Be concise',
  user_prompt_template: 'What is {brand} known for?',
  country_set: ['US', 'CH'],
  model_id: 'gpt-4o',
  inference_params: { temperature: 0.7, max_tokens: 1000 },
}

test('templates: concurrent identical creates give exactly one 201, the rest 409', async () => {
  const attempts = Array.from({ length: 12 }, (_, i) =>
    fetch(`${base}/api/templates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...TEMPLATE, name: `copy ${i}`, country_set: i % 2 ? ['ch', 'us'] : ['US', 'CH'] }),
    }),
  )
  const responses = await Promise.all(attempts)
  const statuses = responses.map((r) => r.status).sort()
  assert.deepEqual(statuses, [201, ...Array<number>(11).fill(409)])
  const bodies = (await Promise.all(responses.map((r) => r.json()))) as Array<{ id?: string; error?: { existing_template_id: string } }>
  const created = bodies.find((b) => b.id !== undefined)
  assert.ok(created)
  for (const b of bodies) if (b.error) assert.equal(b.error.existing_template_id, created.id)

  const otherWorkspace = await fetch(`${base}/api/templates`, { method: 'POST', body: JSON.stringify({ ...TEMPLATE, workspace_id: 'ws-2' }) })
  assert.equal(otherWorkspace.status, 201)
  const invalid = await fetch(`${base}/api/templates`, {
    method: 'POST',
    body: JSON.stringify({ ...TEMPLATE, inference_params: { temperature: 'hot' } }),
  })
  assert.equal(invalid.status, 400)
  assert.equal(((await invalid.json()) as { error: { path: string } }).error.path, '$.inference_params.temperature')
})

test('pairing: a batch is paired off the event loop and matches the golden answer', async () => {
  const res = await fetch(`${base}/api/pairing`, { method: 'POST', body: fixture('golden', 'analysis.json') })
  assert.equal(res.status, 200)
  const pairing = (await res.json()) as PairingResult
  const expected = JSON.parse(fixture('golden', 'pairing-expected.json')) as PairingResult
  assert.deepEqual(pairing, expected)
  const bad = await fetch(`${base}/api/pairing`, { method: 'POST', body: '[{"id": "a"}]' })
  assert.equal(bad.status, 400)
  assert.equal(((await bad.json()) as { error: { kind: string } }).error.kind, 'missing_field')
})
