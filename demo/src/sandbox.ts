/**
 * The demo partner's own backend, as the browser sees it: it asks `/sandbox/sessions` (which holds
 * `sk_test_demo` server-side, exactly as a partner's server would) for a short-lived session token.
 * The secret key never reaches this page.
 */
import type { PartyKind, Session } from '../../server/schemas/sessions.js';

export interface Persona {
  id: string;
  kind: PartyKind;
  name: string;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string; title?: string };
    throw new Error(problem.detail ?? problem.title ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

export async function listPersonas(kind?: PartyKind): Promise<Persona[]> {
  const { data } = await json<{ data: Persona[] }>(await fetch('/sandbox/parties'));
  return kind ? data.filter((p) => p.kind === kind) : data;
}

export async function mintSession(partyId: string): Promise<Session> {
  return json<Session>(
    await fetch('/sandbox/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ party_id: partyId }),
    }),
  );
}

/** Remembers the chosen persona per page so a reload keeps the story going. */
export const remembered = {
  get(page: string): string | null {
    return localStorage.getItem(`k100-demo:${page}`);
  },
  set(page: string, partyId: string): void {
    localStorage.setItem(`k100-demo:${page}`, partyId);
  },
};

/**
 * Wraps a page's "start a session for this persona" so concurrent callers share one attempt: every widget
 * reports an expired token, and one fresh session per persona answers them all.
 */
export function sharedSignIn(start: (partyId: string) => Promise<void>): (partyId: string) => Promise<void> {
  let inFlight: { partyId: string; done: Promise<void> } | undefined;
  return (partyId) => {
    if (inFlight?.partyId !== partyId) {
      const done = start(partyId).finally(() => {
        if (inFlight?.done === done) inFlight = undefined;
      });
      inFlight = { partyId, done };
    }
    return inFlight.done;
  };
}
