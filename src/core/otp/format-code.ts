/**
 * Group sizes for reading a code at a glance: threes and fours, never a lone
 * digit; the 10-digit halves stay at 5 so the split is even. Steam's 5
 * characters (and any other length) are shown as they are.
 */
const GROUPS: Readonly<Record<number, readonly number[]>> = {
  6: [3, 3],
  7: [3, 4],
  8: [4, 4],
  9: [3, 3, 3],
  10: [5, 5],
}

/** `123456` → `123 456`, `12345678` → `1234 5678`, etc. For display only; copy the raw code. */
export function formatCode(code: string): string {
  const groups = GROUPS[code.length]
  if (groups === undefined) return code
  const parts: string[] = []
  let start = 0
  for (const size of groups) {
    parts.push(code.slice(start, start + size))
    start += size
  }
  return parts.join(' ')
}
