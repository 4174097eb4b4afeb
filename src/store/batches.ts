// Statements take at most a few hundred rows or parameters at a time (SQLite and PostgreSQL both limit them).

export function chunks<T>(items: T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
