import type { OtpFieldMatch } from './otp-field-match.ts'
import { scoreInput } from './score-input.ts'
import { sentBy } from './sent-by.ts'
import { visualOrder } from './visual-order.ts'

const grandparent = (el: Node): ParentNode | null => el.parentNode?.parentNode ?? null

/** Boxes are in one row when they share a form and a parent or (each wrapped) a grandparent. */
const sameRow = (a: HTMLInputElement, b: HTMLInputElement): boolean =>
  a.form === b.form && (a.parentNode === b.parentNode || (grandparent(a) !== null && grandparent(a) === grandparent(b)))

/**
 * One-time-code fields among `inputs` (in document order): single fields that
 * score at least `minScore`, and rows of 4–10 single-character boxes. Sorted by
 * score, best first.
 */
export function matchFields(inputs: HTMLInputElement[], isVisible: (el: Element) => boolean, minScore = 40): OtpFieldMatch[] {
  const out: OtpFieldMatch[] = []
  let row: HTMLInputElement[] = []
  let rowScore: ReturnType<typeof scoreInput> = null
  const flush = (): void => {
    if (rowScore && row.length >= 4 && row.length <= 10) {
      out.push({
        kind: 'split',
        inputs: visualOrder(row),
        score: Math.min(40 + rowScore.score, 100),
        reasons: ['boxes', ...rowScore.reasons],
        sentBy: sentBy(rowScore.context),
      })
    }
    row = []
  }
  for (const el of inputs) {
    const s = scoreInput(el)
    if (!s) continue
    if (el.maxLength === 1) {
      if (!isVisible(el)) continue
      const last = row[row.length - 1]
      if (last && !sameRow(last, el)) flush()
      // The row is scored by its first box: that is where autocomplete and labels usually sit.
      if (row.length === 0) rowScore = s
      row.push(el)
      continue
    }
    flush()
    // 2–3 characters cannot hold a code (Steam's 5 is the shortest in use).
    if (el.maxLength > 0 && el.maxLength < 4) continue
    if (s.score >= minScore && isVisible(el)) {
      out.push({ kind: 'single', input: el, score: s.score, reasons: s.reasons, sentBy: sentBy(s.context) })
    }
  }
  flush()
  return out.sort((a, b) => b.score - a.score)
}
