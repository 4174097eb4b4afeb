// Grouping values under a key without copying the group on each addition: the rules group hundreds of thousands
// of extractions and movements, where a copied array per addition costs time in the square of the group's size.

/** Adds a value to the group of its key, making the group on first use. */
export function appendTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}
