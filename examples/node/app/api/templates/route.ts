// POST /api/templates: `{org_id, workspace_id, id?, name, system_instructions, user_prompt_template,
// country_set, model_id, inference_params}` → 201 created, or 409 with the existing template id
// when the same configuration already exists in the workspace.
import { randomUUID } from 'node:crypto'
import { errorResponse } from '../../../lib/errors'
import { templates } from '../../../lib/store'

interface TemplateBody {
  org_id?: unknown
  workspace_id?: unknown
  id?: unknown
  [field: string]: unknown
}

export async function POST(request: Request): Promise<Response> {
  let body: TemplateBody
  try {
    body = (await request.json()) as TemplateBody
  } catch {
    return Response.json({ error: { code: 'BAD_JSON', message: 'the body is not JSON' } }, { status: 400 })
  }
  const { org_id, workspace_id } = body
  if (typeof org_id !== 'string' || typeof workspace_id !== 'string') {
    return Response.json({ error: { code: 'BAD_SCOPE', message: 'org_id and workspace_id are required strings' } }, { status: 400 })
  }
  const id = typeof body.id === 'string' ? body.id : randomUUID()
  try {
    const outcome = templates.create(org_id, workspace_id, id, body)
    if (outcome.status === 'conflict') {
      return Response.json(
        { error: { code: 'DUPLICATE_TEMPLATE', existing_template_id: outcome.existing_template_id, config_hash: outcome.config_hash } },
        { status: 409 },
      )
    }
    return Response.json({ id: outcome.template_id, config_hash: outcome.config_hash }, { status: 201 })
  } catch (err) {
    return errorResponse(err)
  }
}
