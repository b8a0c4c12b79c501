/**
 * A deadline for one decode. jsQR calls cannot be interrupted, so the pipeline
 * checks the budget between steps and keeps every step bounded (crops and
 * downscaled copies), which bounds the overrun to one step.
 */
export interface WorkBudget {
  expired(): boolean
  /** Milliseconds left (negative once expired). */
  remaining(): number
}

export function createWorkBudget(ms: number, now: () => number = () => performance.now()): WorkBudget {
  const deadline = now() + ms
  return {
    expired: () => now() >= deadline,
    remaining: () => deadline - now(),
  }
}
