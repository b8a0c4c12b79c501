/**
 * Approximate size of a value (string lengths, bytes, 8 per other value),
 * walked iteratively and abandoned past `limit`, so measuring a huge or deeply
 * nested value cannot itself blow the stack or take long.
 */
export function sizeWithin(value: unknown, limit: number): number {
  let size = 0
  const stack: unknown[] = [value]
  const seen = new Set<object>()
  while (stack.length > 0 && size <= limit) {
    const v = stack.pop()
    if (typeof v === 'string') size += v.length
    else if (v instanceof Uint8Array) size += v.length
    else if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) continue
      seen.add(v)
      size += 8
      if (v instanceof Error) stack.push(v.message)
      else if (v instanceof Map || v instanceof Set) for (const x of v) stack.push(x)
      else for (const [k, x] of Object.entries(v)) stack.push(k, x)
    } else size += 8
  }
  return size
}
