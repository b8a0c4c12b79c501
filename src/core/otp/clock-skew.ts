/**
 * Clock skew from an HTTP `Date` header (RFC 9110 §6.6.1: one-second resolution).
 * The server's time is compared with the middle of the request, so the round trip
 * counts for half; anything within the header's resolution is no skew at all.
 */
export const SKEW_WARNING_MS = 15_000

/** Server time minus local time, in ms; null when the header is missing or not a date. */
export function measureSkew(dateHeader: string | null, sentAt: number, receivedAt: number): number | null {
  if (!dateHeader) return null
  const server = Date.parse(dateHeader)
  if (Number.isNaN(server)) return null
  // The header truncates to the second: its true value lies in [server, server + 1000).
  const skew = server + 500 - (sentAt + receivedAt) / 2
  return Math.abs(skew) <= 1000 + (receivedAt - sentAt) / 2 ? 0 : Math.round(skew)
}
