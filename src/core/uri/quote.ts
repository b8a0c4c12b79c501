/** Longest piece of user input repeated verbatim in an error message. */
const MAX_QUOTED = 40

/**
 * Quotes a piece of user input for an error message, shortening it so a huge
 * or hostile URI cannot make the message itself unreadable.
 */
export function quote(value: string): string {
  const chars = [...value]
  const shown = chars.length > MAX_QUOTED ? `${chars.slice(0, MAX_QUOTED).join('')}…` : value
  return `'${shown}'`
}
