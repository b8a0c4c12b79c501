import { describe, expect, it } from 'vitest'
import type { PasswordStrength } from './password-strength.ts'
import { passwordStrength } from './password-strength.ts'

describe('passwordStrength', () => {
  const cases: [string, PasswordStrength][] = [
    ['', { score: 0, hint: 'empty' }],
    ['password', { score: 0, hint: 'common' }],
    ['PASSWORD', { score: 0, hint: 'common' }],
    ['Password123!', { score: 0, hint: 'common' }],
    ['!!monkey2024', { score: 0, hint: 'common' }],
    ['12345678', { score: 0, hint: 'common' }],
    ['qwertyuiop', { score: 0, hint: 'common' }],
    ['x7#kQ2p', { score: 0, hint: 'too-short' }],
    ['aaaaaaaaaaaaaaaa', { score: 0, hint: 'predictable' }],
    ['abababababab', { score: 0, hint: 'predictable' }],
    ['abcdefghijk', { score: 0, hint: 'predictable' }],
    ['98765432', { score: 0, hint: 'predictable' }],
    ['glimmerbox', { score: 1, hint: 'add-length' }],
    ['Tr0ub4dor&3', { score: 2, hint: 'add-length' }],
    ['glimmer boxcar', { score: 2, hint: 'add-length' }],
    ['glimmer boxcar tub', { score: 3, hint: 'good' }],
    ['glimmer boxcar tubas', { score: 4, hint: 'strong' }],
    ['glimmerboxcartuba', { score: 3, hint: 'good' }],
    ['correct horse battery staple', { score: 4, hint: 'strong' }],
    ['Zk4!q9Lm2#vR', { score: 3, hint: 'good' }],
    ['ünïcödé wörds', { score: 2, hint: 'add-length' }],
  ]

  it.each(cases)('%j → %o', (password, expected) => {
    expect(passwordStrength(password)).toEqual(expected)
  })

  it('counts code points, not UTF-16 units (NIST SP 800-63B): seven emoji are too short, eight are not', () => {
    expect('😀😁😂🤣😃😄😅'.length).toBe(14)
    expect(passwordStrength('😀😁😂🤣😃😄😅').hint).toBe('too-short')
    expect(passwordStrength('😀😁😂🤣😃😄😅🙂').score).toBe(1)
  })

  it('never scores a longer version of a password lower', () => {
    const base = 'Zk4!q9Lm'
    let previous = -1
    for (let extra = 0; extra <= 20; extra++) {
      const { score } = passwordStrength(base + 'xY7$'.repeat(5).slice(0, extra))
      expect(score).toBeGreaterThanOrEqual(previous)
      previous = score
    }
    expect(previous).toBe(4)
  })
})

describe('passwordStrength on huge input', () => {
  it('rates a pasted megabyte of non-letters in linear time (no quadratic regex on long input)', () => {
    const t0 = performance.now()
    const r = passwordStrength('a' + '1'.repeat(1_000_000) + 'b')
    // A hang detector, not a timing goal: the quadratic version takes minutes here.
    expect(performance.now() - t0).toBeLessThan(10_000)
    expect(r.score).toBeGreaterThan(0)
  })
})
