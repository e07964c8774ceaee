/** The e-contract: versions, differences, change requests, confirmation, and its verification report. */
import { z } from '@hono/zod-openapi';
import { Cursor, Id, Limit, Timestamp, listOf } from './common.js';
import { PartyName } from './negotiations.js';
import { Clause, Clauses, Difference, LegalEntities, PricedTerms, ProductSnapshot, Terms } from './terms.js';

export const ContractStatus = z.enum(['draft', 'sent', 'changes_requested', 'confirmed']).openapi('ContractStatus', {
  description:
    '`draft` (the supplier edits) → `sent` (the buyer reviews) → `changes_requested` (back to the supplier; the next edit starts a new version) → … → `confirmed` (final, immutable).',
});
export type ContractStatus = z.infer<typeof ContractStatus>;

export const ContractAction = z.enum(['revise', 'send', 'request_changes', 'confirm']).openapi('ContractAction');

const Sha256 = z.string().openapi({ description: 'Lowercase hex SHA-256.', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' });

export const CreateContract = z
  .object({ purchase_order_id: Id, clauses: Clauses, legal_entities: LegalEntities })
  .strict()
  .openapi('CreateContract', { description: 'Terms are not sent: the contract starts from the purchase order’s consensus.' });

export const UpdateContract = z
  .object({ clauses: Clauses.optional(), legal_entities: LegalEntities.optional(), terms: Terms.optional() })
  .strict()
  .refine((p) => p.clauses !== undefined || p.legal_entities !== undefined || p.terms !== undefined, 'give at least one of clauses, legal_entities, terms')
  .openapi('UpdateContract', {
    description: 'Replaces the given parts of the current version. Changed terms show as differences from the agreed terms.',
  });

export const RequestChanges = z
  .object({ comment: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters') })
  .strict()
  .openapi('RequestChanges');

export const ConfirmContract = z
  .object({
    signer_name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    accept: z.literal(true, { error: 'must be true: confirming is an explicit acceptance' }),
  })
  .strict()
  .openapi('ConfirmContract');

export const ContractVersion = z
  .object({
    version: z.number().int(),
    terms: PricedTerms,
    clauses: z.array(Clause),
    legal_entities: LegalEntities,
    products: z.array(ProductSnapshot),
    created_at: Timestamp,
    updated_at: Timestamp,
    sent_at: Timestamp.nullable(),
  })
  .openapi('ContractVersion');

export const ChangeRequest = z
  .object({ version: z.number().int(), comment: z.string(), at: Timestamp })
  .openapi('ChangeRequest');

const summaryFields = {
  id: z.string(),
  status: ContractStatus,
  purchase_order_id: z.string(),
  negotiation_id: z.string(),
  buyer: PartyName,
  supplier: PartyName,
  version: z.number().int().openapi({ description: 'The current version.' }),
  terms: PricedTerms.openapi({ description: 'The current version’s terms, priced by the server.' }),
  allowed_actions: z.array(ContractAction).openapi({ description: 'What the caller may do now.' }),
  signer_name: z.string().nullable(),
  confirmed_at: Timestamp.nullable(),
  digest: Sha256.nullable().openapi({ description: 'SHA-256 of the canonical contract; set on confirmation.' }),
  order_id: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const ContractSummary = z.object(summaryFields).openapi('ContractSummary');
export type ContractSummary = z.infer<typeof ContractSummary>;
export const ContractList = listOf(ContractSummary, 'ContractList');

export const Contract = z
  .object({
    ...summaryFields,
    clauses: z.array(Clause),
    legal_entities: LegalEntities,
    products: z.array(ProductSnapshot),
    agreed_terms: PricedTerms.openapi({ description: 'The purchase order’s consensus.' }),
    versions: z.array(ContractVersion).openapi({ description: 'Every version, oldest first; the last is current.' }),
    differences: z.object({
      from_agreed_terms: z.array(Difference),
      from_previous_version: z.array(Difference).openapi({ description: 'Terms, clauses, then legal entities; empty for version 1.' }),
    }),
    change_requests: z.array(ChangeRequest),
  })
  .openapi('Contract');
export type Contract = z.infer<typeof Contract>;

export const ContractListQuery = z.object({ status: ContractStatus.optional(), cursor: Cursor.optional(), limit: Limit });

const ChainBreak = z.enum(['hash_mismatch', 'prev_mismatch', 'seq_gap']);

export const ContractVerification = z
  .object({
    contract_id: z.string(),
    status: ContractStatus,
    valid: z.boolean(),
    digest: z
      .object({ valid: z.boolean(), expected: Sha256.nullable(), actual: Sha256.nullable(), recorded_in_chain: Sha256.nullable() })
      .nullable()
      .openapi({ description: 'null before confirmation. `expected` is stored, `actual` recomputed from the canonical JSON.' }),
    chain: z.object({ valid: z.boolean(), length: z.number().int(), broken_at_seq: z.number().int().optional(), reason: ChainBreak.optional() }),
    anchor: z
      .object({ valid: z.boolean(), length: z.number().int(), head_hash: Sha256 })
      .openapi({ description: 'The chain head kept on the contract: a log rewritten from its first entry cannot match it.' }),
    versions: z.array(z.object({ version: z.number().int(), valid: z.boolean(), recorded: Sha256.nullable(), actual: Sha256.nullable() })),
    evidence: z
      .object({ valid: z.boolean() })
      .nullable()
      .openapi({ description: 'Confirmed only: the canonical JSON rebuilt from the stored contract equals the stored one.' }),
    amendments: z
      .array(z.object({ id: z.string(), number: z.number().int(), valid: z.boolean(), digest: Sha256.nullable() }))
      .openapi({ description: 'Each confirmed amendment: evidence rebuilt from its row, its SHA-256, and the digest the audit log recorded.' }),
    failures: z
      .array(
        z.object({
          check: z.enum(['chain', 'anchor', 'digest', 'version', 'evidence', 'amendment']),
          where: z.string().openapi({ example: 'audit entry 3' }),
          reason: z.string().openapi({ example: 'hash_mismatch' }),
          message: z.string(),
        }),
      )
      .openapi({ description: 'Every broken check and where; empty when valid.' }),
  })
  .openapi('ContractVerification');
export type ContractVerification = z.infer<typeof ContractVerification>;
