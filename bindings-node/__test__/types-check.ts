// Type-level tests of the public surface (checked by `tsc --noEmit --strict`,
// never executed). Every `@ts-expect-error` line must stay an error.
import * as verity from '..'
import type { Provider, Api, VerityError, JsonInput } from '..'

const provider: Provider = verity.detectProvider('gpt-4o')
const api: Api | null = verity.detectApi({ choices: [] })
const bytes: Buffer = verity.canonicalJson(Buffer.from('{"a":1}'))
const input: JsonInput = new Uint8Array([123, 125])
verity.canonicalJson(input)

// @ts-expect-error a model id is a string
verity.detectProvider(3)
// @ts-expect-error the provider union is closed
const notAProvider: Provider = 'mistral'

function handle(err: unknown): string {
  const e = err as VerityError
  // @ts-expect-error error fields are readonly
  e.code = 'VERITY_INTERNAL'
  return `${e.code} ${e.kind} ${e.path}`
}

export { provider, api, bytes, notAProvider, handle }
