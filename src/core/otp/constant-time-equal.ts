/**
 * Compares two strings without stopping at the first difference, so the time
 * taken does not reveal how many leading characters of a guess were right.
 * Lengths are compared openly: the length of a code is not a secret.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
