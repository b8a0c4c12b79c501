// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { isVisible } from './is-visible.ts'

/** What hit testing finds at a point; by default the element laid out last (nothing covers it). */
let hitAt: (x: number, y: number) => Element | null = () => null

/** happy-dom has no layout: give the element the box Chromium would, and let hit testing find it there. */
function laidOut(el: Element, rect = new DOMRect(10, 10, 120, 32)): Element {
  el.getBoundingClientRect = () => rect
  hitAt = (x, y) => (x >= rect.left && x < rect.right && y >= rect.top && y < rect.bottom ? el : document.body)
  return el
}
const $ = (id: string): Element => document.getElementById(id) as Element

beforeEach(() => {
  document.body.innerHTML = `
    <input id="plain">
    <input id="hidden-attr" hidden>
    <div hidden><input id="in-hidden"></div>
    <details><summary><input id="in-summary"></summary><input id="in-closed"></details>
    <details open><input id="in-open"></details>
    <input id="display-none" style="display:none">
    <div style="visibility:hidden"><input id="vis-hidden"></div>
    <div style="opacity:0"><input id="transparent"></div>`
  document.elementFromPoint = (x: number, y: number) => hitAt(x, y)
})

describe('isVisible (the layout-based default)', () => {
  it('accepts a laid-out, styled-visible field, also below the fold', () => {
    expect(isVisible(laidOut($('plain')))).toBe(true)
    expect(isVisible(laidOut($('plain'), new DOMRect(10, 5000, 120, 32)))).toBe(true)
    expect(isVisible(laidOut($('in-open')))).toBe(true)
    expect(isVisible(laidOut($('in-summary')))).toBe(true)
  })

  it.each(['hidden-attr', 'in-hidden', 'in-closed', 'display-none', 'vis-hidden', 'transparent'])('rejects #%s', (id) => {
    expect(isVisible(laidOut($(id)))).toBe(false)
  })

  it.each([
    ['zero size', new DOMRect(10, 10, 0, 0)],
    ['1×1 "sr-only"', new DOMRect(10, 10, 1, 1)],
    ['off-screen left', new DOMRect(-9999, 10, 120, 32)],
    ['off-screen top', new DOMRect(10, -9999, 120, 32)],
  ])('rejects %s', (_, rect) => {
    expect(isVisible(laidOut($('plain'), rect))).toBe(false)
  })

  it('rejects a field that hit testing never reaches inside the viewport: clipped by an ancestor or clip-path, or covered by a frame', () => {
    const field = laidOut($('plain'))
    hitAt = () => document.body // clip-path: inset(50%), or a 0×0 overflow:hidden parent: the point belongs to what is behind
    expect(isVisible(field)).toBe(false)
    const overlay = document.createElement('div')
    document.body.append(overlay)
    hitAt = () => overlay // another site's frame (or anything) laid over it
    expect(isVisible(field)).toBe(false)
  })

  it('accepts a field reached at one point only (e.g. a label over its start), and one outside the viewport, which cannot be hit-tested', () => {
    const field = laidOut($('plain'))
    hitAt = (x) => (x > 90 ? field : document.body)
    expect(isVisible(field)).toBe(true)
    hitAt = () => document.body
    expect(isVisible(laidOut($('plain'), new DOMRect(10, 5000, 120, 32)))).toBe(true)
  })

  it('rejects detached elements', () => {
    expect(isVisible(laidOut(document.createElement('input')))).toBe(false)
  })

  it('still works where checkVisibility() is missing: display:none leaves a 0×0 box', () => {
    for (const id of ['plain', 'display-none']) Object.defineProperty($(id), 'checkVisibility', { value: undefined })
    expect(isVisible(laidOut($('plain')))).toBe(true)
    expect(isVisible(laidOut($('display-none'), new DOMRect(0, 0, 0, 0)))).toBe(false)
  })

  it('has no layout in happy-dom, which is why tests inject their own', () => {
    expect(isVisible($('plain'))).toBe(false)
  })
})
