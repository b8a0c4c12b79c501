// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { detectOtpFields } from './detect-otp-fields.ts'
import { fixtureHtml, fixtureNames, loadFixture, resolveAll, type Expected } from '../../../test/support/load-fixture.ts'
import type { OtpFieldMatch } from './otp-field-match.ts'
import { styleIsVisible } from '../../../test/support/style-is-visible.ts'
import { watchOtpFields } from './watch-otp-fields.ts'

const names = fixtureNames()
const opts = { isVisible: styleIsVisible }
let stop = (): void => {}
afterEach(() => stop())

function expectMatches(matches: OtpFieldMatch[], e: Expected): void {
  if (e.kind === 'none') {
    expect(matches).toEqual([])
    return
  }
  expect(matches, JSON.stringify(matches.map((m) => ({ kind: m.kind, score: m.score, reasons: m.reasons })))).toHaveLength(1)
  const [m] = matches
  const want = resolveAll(e.selector ?? '')
  expect(want.length).toBeGreaterThan(0)
  expect(m?.kind).toBe(e.kind)
  expect(m?.sentBy != null).toBe(e.smsHint ?? false)
  if (m?.kind === 'single') expect(m.input).toBe(want[0])
  if (m?.kind === 'split') {
    expect(m.inputs).toHaveLength(e.count ?? -1)
    expect(m.inputs).toEqual(want)
  }
}

describe('e2e/pages/otp fixtures', () => {
  it('has at least 25 pages, each saying what it imitates, echoing input and needing no network', () => {
    expect(names.length).toBeGreaterThanOrEqual(25)
    for (const name of names) {
      const html = fixtureHtml(name)
      expect(html, name).toMatch(/<!-- Imitates .+ -->/)
      expect(html, name).toContain('<script type="application/json" id="expected">')
      expect(html, name).toContain("'received:'")
      expect(html, name).not.toMatch(/\b(?:src|href|action)="(?:https?:)?\/\//)
    }
  })

  for (const name of names) {
    it(`${name}: detection matches the page's expectation`, async () => {
      const expected = await loadFixture(name)
      if (!expected.template) {
        expectMatches(detectOtpFields(document, opts), expected)
        return
      }
      // The page inserts its field later (setTimeout in the browser); here the test inserts it.
      expect(detectOtpFields(document, opts)).toEqual([])
      const seen = new Promise<OtpFieldMatch[]>((resolve) => {
        stop = watchOtpFields(document, resolve, opts)
      })
      const template = document.querySelector<HTMLTemplateElement>(expected.template)
      document.querySelector(expected.into ?? 'body')?.replaceChildren(template?.content.cloneNode(true) ?? '')
      expectMatches(await seen, expected)
    })
  }
})
