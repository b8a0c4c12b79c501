// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { isVisible } from './is-visible.ts'

/** happy-dom has no layout: give the element the box Chromium would. */
function laidOut(el: Element, rect = new DOMRect(10, 10, 120, 32)): Element {
  el.getBoundingClientRect = () => rect
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
