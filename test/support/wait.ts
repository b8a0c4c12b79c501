/**
 * How long a unit test waits for something to happen (vi.waitFor): vitest's default of one second is
 * a timing goal, and a slow, busy CI machine missed it. Waits end as soon as the condition holds.
 */
export const WAIT = { timeout: 30_000, interval: 20 }
