/**
 * Whether five consecutive runs could cross a finder pattern: 1 : 1 : 3 : 1 : 1
 * modules (ISO/IEC 18004:2015 §6.3.3), along any line through its centre, since
 * the pattern is three concentric squares. The tolerances follow ZXing's
 * FinderPatternFinder, a little wider for the 1-module runs, because
 * fractional module sizes on screens make runs alternate between ⌊m⌋ and ⌈m⌉.
 */
export function isFinderRatio(r0: number, r1: number, r2: number, r3: number, r4: number): boolean {
  const total = r0 + r1 + r2 + r3 + r4
  if (total < 7) return false
  const m = total / 7
  const tol = m * 0.7
  return (
    Math.abs(r0 - m) < tol && Math.abs(r1 - m) < tol && Math.abs(r3 - m) < tol && Math.abs(r4 - m) < tol && Math.abs(r2 - 3 * m) < 1.5 * m
  )
}
