/**
 * The API reference page, rendered on the server from the same OpenAPI document as `/v1/openapi.json`:
 * plain HTML with one same-origin stylesheet, no script, so it works under the strictest CSP.
 */
import { exampleOf, type JsonSchema } from './example.js';

/** The subset of an OpenAPI 3.1 document the page reads; everything else is ignored. */
export interface ApiDocument {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, { description?: string }> };
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
  'x-k100-callers'?: string[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const escapeHtml = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const slug = (value: string) => value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function schemaName(schema: JsonSchema | undefined): string {
  if (!schema) return '—';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? '—';
  if (schema.type === 'array' && typeof schema.items === 'object' && schema.items) {
    return `${schemaName(schema.items as JsonSchema)}[]`;
  }
  return typeof schema.type === 'string' ? schema.type : 'object';
}

function firstContent(content: Record<string, { schema?: JsonSchema }> | undefined) {
  const entry = content && Object.entries(content)[0];
  return entry ? { mediaType: entry[0], schema: entry[1].schema } : undefined;
}

function exampleBlock(schema: JsonSchema | undefined, components: Record<string, JsonSchema>): string {
  if (!schema) return '';
  return `<pre><code>${escapeHtml(JSON.stringify(exampleOf(schema, components), null, 2))}</code></pre>`;
}

function renderParameters(op: Operation): string {
  if (!op.parameters?.length) return '';
  const rows = op.parameters
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td>` +
        `<td>${escapeHtml(schemaName(p.schema))}</td><td>${escapeHtml(p.description ?? (p.schema?.description as string | undefined) ?? '')}</td></tr>`,
    )
    .join('');
  return `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>required</th><th>type</th><th>description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderOperation(method: string, path: string, op: Operation, components: Record<string, JsonSchema>): string {
  const id = slug(`${method} ${path}`);
  const callers = op['x-k100-callers']?.join(', ') ?? 'see security';
  const body = firstContent(op.requestBody?.content);
  const request = body
    ? `<h4>Request body <span class="muted">${escapeHtml(body.mediaType)}${op.requestBody?.required ? '' : ', optional'}</span>: ` +
      `<code>${escapeHtml(schemaName(body.schema))}</code></h4>${exampleBlock(body.schema, components)}`
    : '';
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => {
      const content = firstContent(r.content);
      const example = status.startsWith('2') ? exampleBlock(content?.schema, components) : '';
      return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(r.description ?? '')}` +
        `${content ? ` <code>${escapeHtml(schemaName(content.schema))}</code>` : ''}${example}</li>`;
    })
    .join('');
  return `<section class="op" id="${id}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p>${escapeHtml(op.summary ?? '')}</p>${op.description ? `<p class="muted">${escapeHtml(op.description)}</p>` : ''}
<p><strong>Who may call:</strong> ${escapeHtml(callers)}</p>
${renderParameters(op)}${request}<h4>Responses</h4><ul class="responses">${responses}</ul>
</section>`;
}

export function renderApiReference(doc: ApiDocument, opts: { stylesheet: string; documentUrl: string }): string {
  const components = doc.components?.schemas ?? {};
  const byTag = new Map<string, string[]>();
  const nav = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(method, path, op, components)]);
      nav.set(tag, [...(nav.get(tag) ?? []), `<li><a href="#${slug(`${method} ${path}`)}">${method.toUpperCase()} ${escapeHtml(path)}</a></li>`]);
    }
  }
  const schemes = Object.entries(doc.components?.securitySchemes ?? {})
    .map(([name, s]) => `<li><strong>${escapeHtml(name)}</strong>: ${escapeHtml(s.description ?? '')}</li>`)
    .join('');
  const navHtml = [...nav].map(([tag, items]) => `<li>${escapeHtml(tag)}<ul>${items.join('')}</ul></li>`).join('');
  const sections = [...byTag].map(([tag, ops]) => `<h2 id="${slug(tag)}">${escapeHtml(tag)}</h2>${ops.join('\n')}`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title><link rel="icon" href="data:,"><link rel="stylesheet" href="${escapeHtml(opts.stylesheet)}"></head>
<body><nav aria-label="Operations"><ul>${navHtml}</ul></nav><main>
<h1>${escapeHtml(doc.info.title)} <span class="muted">${escapeHtml(doc.info.version)}</span></h1>
${doc.info.description ? `<p>${escapeHtml(doc.info.description)}</p>` : ''}
<p>Machine-readable: <a href="${escapeHtml(opts.documentUrl)}">OpenAPI 3.1 document</a>.</p>
<h2>Authentication</h2><p>Send <code>Authorization: Bearer &lt;credential&gt;</code> with one of:</p><ul>${schemes}</ul>
<h2>Errors</h2><p>Every error is <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>,
<code>status</code>, <code>detail</code>, <code>instance</code>, <code>request_id</code>, and for validation failures
<code>errors: [{path, message}]</code>. An expired session token answers 401 with a <code>type</code> ending in
<code>/session-expired</code>.</p>
${sections}
</main></body></html>`;
}
