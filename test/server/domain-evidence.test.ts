/** The audit hash chain, contract verification, and the escaped, self-contained contract document. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  GENESIS,
  chainEntry,
  entryHash,
  nextEntry,
  verifyChain,
  verifyContract,
  type AuditEntry,
} from '../../server/domain/audit-chain.js';
import { confirmContract, currentVersion, isConfirmed, type ConfirmedContract } from '../../server/domain/contract.js';
import {
  DOCUMENT_CSP,
  DOCUMENT_STYLE_HASH,
  formatMinorUnits,
  renderContractDocument,
} from '../../server/domain/contract-document.js';
import { escapeHtml, html } from '../../server/domain/html.js';
import { AT, clauses, confirmed, deepFreeze, legalEntities, must, products, sent, terms } from './domain-fixtures.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** drafted, sent, changes requested, revised, sent, confirmed: six entries, as a contract's log would hold. */
function chain(digest = 'd'.repeat(64)): AuditEntry[] {
  const events = [
    ['drafted', 'supplier_x', { version: 1 }],
    ['sent', 'supplier_x', { version: 1 }],
    ['changes_requested', 'buyer_y', { version: 1, comment: 'Earlier <please>' }],
    ['revised', 'supplier_x', { version: 2 }],
    ['sent', 'supplier_x', { version: 2 }],
    ['confirmed', 'buyer_y', { version: 2, signer_name: 'Jane', digest }],
  ] as const;
  const entries: AuditEntry[] = [];
  for (const [event, actor_id, data] of events) {
    entries.push(nextEntry(entries.at(-1) ?? null, { contract_id: 'ctr_1', event, actor_id, at: AT, data }));
  }
  return entries;
}

describe('audit chain', () => {
  it('hashes the canonical JSON of every field, starting from GENESIS (known answer)', () => {
    const first = chainEntry(null, { seq: 1, contract_id: 'c1', event: 'drafted', actor_id: 'supplier_x', at: AT, data: { version: 1 } });
    assert.equal(GENESIS, '0'.repeat(64));
    assert.equal(first.prev_hash, GENESIS);
    const literal =
      `{"actor_id":"supplier_x","at":"${AT}","contract_id":"c1","data":{"version":1},"event":"drafted",` +
      `"prev_hash":"${'0'.repeat(64)}","seq":1}`;
    assert.equal(first.hash, sha256(literal));
    const second = chainEntry(first.hash, { seq: 2, contract_id: 'c1', event: 'sent', actor_id: 'supplier_x', at: AT, data: {} });
    assert.equal(second.prev_hash, first.hash);
    assert.equal(
      second.hash,
      sha256(`{"actor_id":"supplier_x","at":"${AT}","contract_id":"c1","data":{},"event":"sent","prev_hash":"${first.hash}","seq":2}`),
    );
  });

  it('verifies an intact chain, also after a round trip through JSON storage', () => {
    const entries = chain();
    assert.deepEqual(entries.map((e) => e.seq), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(verifyChain(entries), { valid: true });
    assert.deepEqual(verifyChain(JSON.parse(JSON.stringify(entries))), { valid: true });
    assert.deepEqual(verifyChain([]), { valid: true });
  });

  const broken = (entries: AuditEntry[], broken_at_seq: number, reason: string) =>
    assert.deepEqual(verifyChain(entries), { valid: false, broken_at_seq, reason });

  it('catches a modified entry', () => {
    const entries = chain();
    entries[2] = { ...entries[2]!, data: { version: 1, comment: 'Later' } };
    broken(entries, 3, 'hash_mismatch');
    const actor = chain();
    actor[0] = { ...actor[0]!, actor_id: 'buyer_y' };
    broken(actor, 1, 'hash_mismatch');
  });

  it('catches a modified entry whose own hash was recomputed, at the next entry', () => {
    const entries = chain();
    const forged = { ...entries[2]!, data: { version: 1, comment: 'Later' } };
    entries[2] = { ...forged, hash: entryHash(forged.prev_hash, forged) };
    broken(entries, 4, 'prev_mismatch');
  });

  it('catches a forged entry re-linked by editing only the next prev_hash: each hash covers its prev_hash', () => {
    const entries = chain();
    const forged = { ...entries[2]!, data: { version: 1, comment: 'Later' } };
    entries[2] = { ...forged, hash: entryHash(forged.prev_hash, forged) };
    entries[3] = { ...entries[3]!, prev_hash: entries[2].hash };
    broken(entries, 4, 'hash_mismatch');
  });

  it('catches a removed entry, first, middle or with the rest renumbered', () => {
    broken(chain().filter((e) => e.seq !== 3), 3, 'seq_gap');
    broken(chain().slice(1), 1, 'seq_gap');
    const renumbered = chain().filter((e) => e.seq !== 3).map((e, i) => ({ ...e, seq: i + 1 }));
    broken(renumbered, 3, 'prev_mismatch');
  });

  it('catches reordered entries, with or without renumbering', () => {
    const swapped = chain();
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    broken(swapped, 2, 'seq_gap');
    const renumbered = swapped.map((e, i) => ({ ...e, seq: i + 1 }));
    broken(renumbered, 2, 'prev_mismatch');
  });

  it('catches a modified prev_hash, even with the entry hash recomputed to match', () => {
    const entries = chain();
    entries[4] = { ...entries[4]!, prev_hash: 'f'.repeat(64) };
    broken(entries, 5, 'prev_mismatch');
    const rehashed = chain();
    const moved = { ...rehashed[0]!, prev_hash: 'a'.repeat(64) };
    rehashed[0] = { ...moved, hash: entryHash(moved.prev_hash, moved) };
    broken(rehashed, 1, 'prev_mismatch');
  });
});

describe('verifyContract', () => {
  const canonical_json = '{"id":"ctr_1","version":2}';
  const digest = sha256(canonical_json);

  it('is valid when digest, canonical JSON and chain all agree', () => {
    assert.deepEqual(verifyContract({ canonical_json, digest, entries: chain(digest) }), {
      valid: true,
      digest: { valid: true, expected: digest, actual: digest, recorded_in_chain: digest },
      chain: { valid: true, length: 6 },
    });
  });

  it('reports a tampered canonical JSON as a digest mismatch', () => {
    const result = verifyContract({ canonical_json: canonical_json.replace('2', '3'), digest, entries: chain(digest) });
    assert.equal(result.valid, false);
    assert.equal(result.digest?.valid, false);
    assert.equal(result.digest?.expected, digest);
    assert.notEqual(result.digest?.actual, digest);
    assert.equal(result.chain.valid, true);
  });

  it('catches canonical JSON and digest replaced together, through the digest the chain recorded', () => {
    const forged = '{"id":"ctr_1","version":3}';
    const result = verifyContract({ canonical_json: forged, digest: sha256(forged), entries: chain(digest) });
    assert.equal(result.valid, false);
    assert.equal(result.digest?.recorded_in_chain, digest);
  });

  it('catches the confirmed entry cut from the end of the log', () => {
    const result = verifyContract({ canonical_json, digest, entries: chain(digest).slice(0, 5) });
    assert.deepEqual(result.chain, { valid: true, length: 5 });
    assert.equal(result.digest?.valid, false);
    assert.equal(result.valid, false);
  });

  it('catches a confirmed log whose contract row lost its evidence', () => {
    const result = verifyContract({ canonical_json: null, digest: null, entries: chain(digest) });
    assert.equal(result.valid, false);
    assert.deepEqual(result.digest, { valid: false, expected: null, actual: null, recorded_in_chain: digest });
  });

  it('checks only the chain of an unconfirmed contract, and says where it breaks', () => {
    const draftLog = chain().slice(0, 3);
    assert.deepEqual(verifyContract({ canonical_json: null, digest: null, entries: draftLog }), {
      valid: true, digest: null, chain: { valid: true, length: 3 },
    });
    draftLog[1] = { ...draftLog[1]!, at: '2020-01-01T00:00:00.000Z' };
    assert.deepEqual(verifyContract({ canonical_json: null, digest: null, entries: draftLog }), {
      valid: false, digest: null, chain: { valid: false, length: 3, broken_at_seq: 2, reason: 'hash_mismatch' },
    });
  });
});

describe('html escaping', () => {
  it('escapes the five HTML metacharacters and nothing else', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&amp; 你好</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp; 你好&lt;/a&gt;');
  });

  it('escapes every interpolation, nests html, and refuses values that would print nonsense', () => {
    const inner = html`<b>${'<i>'}</b>`;
    assert.equal(html`<p title="${'"x"'}">${inner}${['<', html`<br>`]}${42}</p>`.value, '<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;<br>42</p>');
    for (const bad of [undefined, null, true, { toString: () => '<x>' }]) {
      assert.throws(() => html`${bad as never}`, TypeError);
    }
  });
});

describe('contract document', () => {
  const parties = { buyer: { id: 'buyer_acme', name: 'Acme' }, supplier: { id: 'supplier_shenzhen_led', name: 'Shenzhen LED' } };
  const HOSTILE = '<script>alert(1)</script>';

  function hostileContract(): ConfirmedContract {
    const entities = legalEntities();
    entities.seller = { ...entities.seller, name: '"><img src=x onerror=alert(1)>' };
    const c = sent();
    const v = currentVersion(c);
    const withHostile = deepFreeze({
      ...c,
      versions: [{
        ...v,
        terms: terms({ notes: '</style><script src="https://evil.example/x.js"></script>' }),
        clauses: [...clauses(), { title: HOSTILE, body: `${HOSTILE}\n<iframe src="javascript:alert(1)">` }],
        legal_entities: entities,
        products: products().map((p) => ({ ...p, name: `${p.name} <img src=x onerror=alert(2)>` })),
      }],
    });
    const done = must(confirmContract(withHostile, 'buyer', { signer_name: `Jane ${HOSTILE}`, accept: true, at: AT })).contract;
    assert.ok(isConfirmed(done));
    return done;
  }

  it('escapes hostile clauses, names and notes: no script, no injected tag or attribute', () => {
    const out = renderContractDocument(hostileContract(), { ...parties, buyer: { id: 'b', name: '<svg onload=alert(1)>' } });
    assert.doesNotMatch(out, /<script/i);
    assert.doesNotMatch(out, /<img|<iframe|<svg/i);
    assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(out.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(out.includes('COB LED strip 24 V, 5 m &lt;img src=x onerror=alert(2)&gt;'), 'product names are escaped too');
    assert.equal(out.match(/<\/style>/g)?.length, 1, 'the notes cannot close the style block');
    const tags = new Set([...out.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
    const allowed = ['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'dl', 'div', 'dt', 'dd', 'section', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'p', 'footer', 'br', 'span'];
    assert.deepEqual([...tags].filter((t) => !allowed.includes(t)), []);
    // Real tags start with a raw "<" (escaped text cannot); their attributes must all be inert ones.
    const attributes = new Set([...out.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((tag) => [...tag[0].replace(/"[^"]*"/g, '""').matchAll(/\s([a-zA-Z-]+)=/g)].map((m) => m[1]!)));
    assert.deepEqual([...attributes].sort(), ['charset', 'class', 'colspan', 'content', 'http-equiv', 'lang', 'name', 'scope']);
  });

  it('shows the contract id, version, parties, terms, totals, clauses, agreement, signer, time and digest', () => {
    const c = confirmed();
    assert.ok(isConfirmed(c));
    const out = renderContractDocument(c, parties);
    for (const text of [
      'ctr_1', '<dd>1</dd>', 'po_1', 'neg_1', 'COB LED strip 24 V, 5 m', 'Aluminium profile &lt;1 m&gt;', 'prod_a', 'Shenzhen LED Co., Ltd.', 'Acme B.V.', '91440300MA5', 'Shenzhen LED (supplier_shenzhen_led)',
      '$12.50', '$1,250.00', '$0.99', '$2.97', '$1,252.97', '$375.89', '$877.08', 'Deposit (30%)',
      'FOB (Free on Board)', '2026-12-15', '10% of the goods', 'Full container load (FCL)', 'NLRTM',
      '1. Quality', '2. Packing', '3. Disputes', 'Handled through the Expert Advisor (STS).',
      'Expert Advisor (STS)', 'K100Pay', 'Jane Buyer', '2026-11-28T09:30:00.000Z', c.confirmation.digest,
    ]) {
      assert.ok(out.includes(text), `missing ${text}`);
    }
  });

  it('prints on A4 without splitting rows and carries a CSP that admits only its own style block', () => {
    const c = confirmed();
    assert.ok(isConfirmed(c));
    const out = renderContractDocument(c, parties);
    assert.match(out, /@page \{ size: A4/);
    assert.match(out, /tr \{ break-inside: avoid; page-break-inside: avoid; \}/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(out)![1]!;
    const hash = `sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}`;
    assert.equal(hash, DOCUMENT_STYLE_HASH);
    assert.ok(DOCUMENT_CSP.includes(`style-src '${hash}'`) && DOCUMENT_CSP.startsWith("default-src 'none'"));
    assert.ok(out.includes(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;${hash}&#39;`));
    assert.doesNotMatch(out, /style="/, 'no inline style attributes, which the hash would not cover');
  });

  it('formats minor units exactly with each currency\'s fraction digits', () => {
    assert.equal(formatMinorUnits(125_297, 'USD'), '$1,252.97');
    assert.equal(formatMinorUnits(5, 'USD'), '$0.05');
    assert.equal(formatMinorUnits(125_297, 'JPY'), '¥125,297');
    assert.match(formatMinorUnits(1_234_567, 'KWD'), /^KWD\s1,234\.567$/);
    assert.equal(formatMinorUnits(Number.MAX_SAFE_INTEGER, 'USD'), '$90,071,992,547,409.91');
    assert.equal(formatMinorUnits(125_297, 'CNY', 'zh-CN'), '¥1,252.97');
  });
});
