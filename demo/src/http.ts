/** The demo pages' own calls to the public API with a session token, problems turned into readable errors. */

interface Problem {
  status?: number;
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}

/** A refused or failed call; `status` is the HTTP status (0 when the network failed). */
export class DemoApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function api<T>(session: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${session}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch (error) {
    throw new DemoApiError(`Network error: ${(error as Error).message}`, 0);
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    const fields = problem.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
    const text = [problem.detail ?? problem.title ?? `HTTP ${response.status}`, fields].filter(Boolean).join(' — ');
    throw new DemoApiError(text, response.status);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const formats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  let format = formats.get(currency);
  if (!format) formats.set(currency, (format = new Intl.NumberFormat('en', { style: 'currency', currency })));
  return format;
}

/** Fraction digits of a currency (2 for USD, 0 for JPY, 3 for KWD). */
export const digitsOf = (currency: string) => moneyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;

/** Integer minor units as money, exactly (no float division): 104044 CNY → "CN¥1,040.44", -500 → "-CN¥5.00". */
export function money(minor: number, currency: string): string {
  const digits = digitsOf(currency);
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const decimal = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return moneyFormat(currency).format((minor < 0 ? `-${decimal}` : decimal) as `${number}`);
}
