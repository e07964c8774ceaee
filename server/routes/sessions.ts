/** Session minting (the partner's server, with its secret key) and `GET /v1/me` (the session's own view). */
import { createRoute } from '@hono/zod-openapi';
import { allow } from '../auth/access.js';
import { createRouter, json, jsonBody, problems } from '../http/openapi.js';
import { CreateSession, Me, Session } from '../schemas/sessions.js';
import { getLegalEntity } from '../store/legal-entities.js';

export const sessionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/sessions',
      tags: ['Sessions'],
      summary: 'Mint a short-lived session token for one party of your marketplace',
      description:
        'Call from your server with your secret key; hand the token to the widgets. Default lifetime 15 minutes, at most 60.',
      ...allow.secretKey(),
      request: { body: jsonBody(CreateSession) },
      responses: {
        201: json(Session, 'The session token and when it expires.'),
        ...problems(400, 401, 403, 404, 413, 415, 422, 429),
      },
    }),
    async (c) => {
      const { party_id, ttl_seconds } = c.req.valid('json');
      const session = await c.var.sessions.mint(c.var.partner.id, party_id, ttl_seconds);
      return c.json(session, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me',
      tags: ['Sessions'],
      summary: 'Who this session token is for, until when, and the legal entity it signs as',
      ...allow.party('buyer', 'supplier', 'operator'),
      responses: { 200: json(Me, 'The party, its partner and the expiry.'), ...problems(401, 403) },
    }),
    async (c) => {
      const { party, partner, expiresAt } = c.var.session;
      const legal = await getLegalEntity(c.var.store, party.id);
      return c.json(
        {
          party,
          partner: { id: partner.id, name: partner.name },
          expires_at: expiresAt.toISOString(),
          legal_entity: legal ?? null,
        },
        200,
      );
    },
  );
