/** A ring that empties over the code's validity window. Decorative: the text says the seconds. */
export function CountdownRing({ remaining, period }: { remaining: number; period: number }) {
  const r = 9
  const circumference = 2 * Math.PI * r
  const fraction = Math.max(0, Math.min(1, remaining / period))
  return (
    <svg class="ring" width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
      <circle cx="11" cy="11" r={r} class="ring-track" />
      <circle
        cx="11"
        cy="11"
        r={r}
        class={remaining <= 5 ? 'ring-bar ending' : 'ring-bar'}
        stroke-dasharray={`${circumference}`}
        stroke-dashoffset={`${circumference * (1 - fraction)}`}
        transform="rotate(-90 11 11)"
      />
    </svg>
  )
}
