/**
 * Sandbox helpers, mounted only when `K100_SANDBOX=1`: they play the demo partner's own backend, which
 * holds `sk_test_demo` server-side and mints sessions for the persona switcher. A real partner runs the
 * equivalent on its server with `POST /v1/sessions`; this calls the same session service, not HTTP.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, json, jsonBody, problems } from '../http/openapi.js';
import { CreateSession, PartyKind, Session } from '../schemas/sessions.js';
import { listPartiesOfPartner } from '../store/parties.js';
import { SANDBOX } from '../store/seed.js';

const SandboxParty = z.object({ id: z.string(), kind: PartyKind, name: z.string() }).openapi('SandboxParty');
const SandboxPartyList = z.object({ data: z.array(SandboxParty) }).openapi('SandboxPartyList');

export const sandboxRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/sandbox/parties',
      tags: ['Sandbox'],
      summary: 'The demo partner’s parties, for the persona switcher (sandbox only)',
      ...allow.anyone(),
      responses: { 200: json(SandboxPartyList, 'Buyers, suppliers and operators of the demo partner.') },
    }),
    async (c) => {
      const parties = await listPartiesOfPartner(c.var.store, SANDBOX.partnerId);
      return c.json({ data: parties.map(({ id, kind, name }) => ({ id, kind, name })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/sandbox/sessions',
      tags: ['Sandbox'],
      summary: 'Mint a session for a demo party, as the demo partner’s server would (sandbox only)',
      ...allow.anyone(),
      request: { body: jsonBody(CreateSession) },
      responses: { 201: json(Session, 'The session token.'), ...problems(400, 404, 413, 415, 422) },
    }),
    async (c) => {
      const { party_id, ttl_seconds } = c.req.valid('json');
      return c.json(await c.var.sessions.mint(SANDBOX.partnerId, party_id, ttl_seconds), 201);
    },
  );
