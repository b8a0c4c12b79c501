/**
 * `text` without its trailing `=` padding. A loop rather than
 * `text.replace(/=+$/, '')`: V8 tries that regex at every `=` of a run that
 * does not reach the end, so a long run of `=` inside hostile input takes
 * quadratic time (100,000 of them ≈ 7 s; a 20 MiB import file, hours).
 */
export function trimPadding(text: string): string {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--
  return text.slice(0, end)
}
