/**
 * A ring that empties over the code's validity window, with the seconds left written inside it.
 * Hidden from screen readers: the row's own text says the seconds once (account-row.tsx).
 */
export function CountdownRing({ remaining, period }: { remaining: number; period: number }) {
  const r = 11
  const circumference = 2 * Math.PI * r
  const fraction = Math.max(0, Math.min(1, remaining / period))
  return (
    <svg class="ring" width="28" height="28" viewBox="0 0 28 28" aria-hidden="true">
      <circle cx="14" cy="14" r={r} class="ring-track" />
      <circle
        cx="14"
        cy="14"
        r={r}
        class={remaining <= 5 ? 'ring-bar ending' : 'ring-bar'}
        stroke-dasharray={`${circumference}`}
        stroke-dashoffset={`${circumference * (1 - fraction)}`}
        transform="rotate(-90 14 14)"
      />
      <text x="14" y="14" class="ring-seconds" text-anchor="middle" dominant-baseline="central">
        {remaining}
      </text>
    </svg>
  )
}
