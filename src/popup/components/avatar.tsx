/**
 * A letter avatar with a colour derived from the issuer name. No icon is fetched
 * from the network: that would tell a server which sites someone uses.
 */
function avatarHue(name: string): number {
  let h = 0
  for (const ch of name.toLowerCase()) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0
  return h % 360
}

export function Avatar({ name }: { name: string }) {
  const letter = [...name.trim()][0]?.toUpperCase() ?? '?'
  return (
    <span class="avatar" aria-hidden="true" style={{ background: `hsl(${avatarHue(name)} 55% 42%)` }}>
      {letter}
    </span>
  )
}
