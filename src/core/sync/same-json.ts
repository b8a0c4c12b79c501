/**
 * Deep equality of JSON-shaped values (what records hold: strings, numbers, booleans, arrays, plain
 * objects). A key whose value is undefined counts as absent, as it does once written as JSON, so an
 * optional field left out and one set to undefined compare equal.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]))
  }
  const ka = definedKeys(a)
  const kb = definedKeys(b)
  if (ka.length !== kb.length) return false
  const bo = b as Record<string, unknown>
  const ao = a as Record<string, unknown>
  return ka.every((k) => Object.hasOwn(bo, k) && sameJson(ao[k], bo[k]))
}

function definedKeys(o: object): string[] {
  return Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k)
}
