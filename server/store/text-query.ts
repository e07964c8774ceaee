/**
 * Turns whatever a user typed into a safe full-text query: letters, digits and combining marks become
 * tokens, everything else (quotes, operators, emoji, NEAR, parentheses) is a separator, so no input can
 * reach FTS5 or tsquery syntax. The last token matches as a prefix, for search-as-you-type.
 */

/** More words than this narrow nothing in practice and only cost time. */
const MAX_TOKENS = 8;
/** A one-letter prefix matches a large part of the index; it is matched as a whole word instead. */
const MIN_PREFIX = 2;
/**
 * Function words found in nearly every description: as terms they rank nothing and make the engine
 * score most of the catalog. Dropped unless the query has nothing else.
 */
const STOPWORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'with']);

export interface TextQuery {
  tokens: string[];
  /** Whether the last token is matched as a prefix. */
  prefix: boolean;
}

/** NFKC folds full-width forms ("ＬＥＤ") and ligatures before tokenising; undefined means "no usable words". */
export function parseTextQuery(q: string): TextQuery | undefined {
  // A run of combining marks alone is no word: the index strips diacritics, leaving an empty phrase.
  const words = (q.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length === 0) return undefined;
  const meaningful = words.filter((w) => !STOPWORDS.has(w));
  const tokens = (meaningful.length > 0 ? meaningful : words).slice(0, MAX_TOKENS);
  const last = tokens[tokens.length - 1] as string;
  return { tokens, prefix: [...last].length >= MIN_PREFIX };
}

/** FTS5 MATCH string: every token a quoted string (implicit AND), the last with `*` for prefix. */
export function toFts5Match({ tokens, prefix }: TextQuery): string {
  return tokens.map((t, i) => `"${t}"${prefix && i === tokens.length - 1 ? '*' : ''}`).join(' ');
}

/** to_tsquery input: quoted lexemes joined by `&`, the last with `:*` for prefix. */
export function toTsQuery({ tokens, prefix }: TextQuery): string {
  return tokens.map((t, i) => `'${t}'${prefix && i === tokens.length - 1 ? ':*' : ''}`).join(' & ');
}
