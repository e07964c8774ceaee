/**
 * What a page downloads for one built entry: the entry and every chunk it statically imports,
 * recursively; chunks behind `import()` (locale catalogs) are not part of the first load. Shared by the
 * bundle-size budgets (test/bundle-size.test.ts) and `npm run bench`'s bytes section.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

/** Relative specifiers of a built module's static `import … from` / `import "…"` / `export … from`. */
export function staticImports(code: string): string[] {
  const statement = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  return [...code.matchAll(statement)].map((match) => match[1]!);
}

/** The entry and every module it statically reaches, each once; `root` names missing files in errors. */
export function staticGraph(entry: string, root: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    if (!existsSync(file)) throw new Error(`${relative(root, file)} is imported but missing from ${relative(process.cwd(), root) || root}`);
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) visit(resolve(dirname(file), specifier));
  };
  visit(entry);
  return [...seen];
}

/** Each file compressed on its own, as a server sends it. */
export const gzipSize = (file: string): number => gzipSync(readFileSync(file)).length;
export const brotliSize = (file: string): number => brotliCompressSync(readFileSync(file)).length;
