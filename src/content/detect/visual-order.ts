/**
 * Split boxes sorted the way a person reads them: line by line, then left to
 * right (right to left in an RTL container), so CSS `order` or `row-reverse`
 * cannot scramble the code. Without layout (all rectangles equal) document
 * order stays, since Array#sort is stable. At most ten boxes: no caching needed.
 */
export function visualOrder(inputs: HTMLInputElement[]): HTMLInputElement[] {
  const first = inputs[0]
  const rtl = first?.ownerDocument.defaultView?.getComputedStyle(first).direction === 'rtl'
  return inputs.sort((a, b) => {
    const p = a.getBoundingClientRect()
    const q = b.getBoundingClientRect()
    const dy = p.top - q.top
    return Math.abs(dy) > p.height / 2 ? dy : rtl ? q.right - p.right : p.left - q.left
  })
}
