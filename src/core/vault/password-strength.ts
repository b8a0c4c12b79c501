/**
 * A small, honest password hint: length first, character variety second, and a
 * short list of the most common passwords. Not an entropy estimate (zxcvbn is
 * that, at ~800 KB); it catches the obvious mistakes.
 *
 * NIST SP 800-63B §5.1.1.2: at least 8 characters, refuse values from
 * commonly-used lists, no composition rules. Score 0 is what new password slots
 * refuse (WEAK_PASSWORD); scores 1–4 only guide the person.
 */

export type StrengthHint =
  | 'empty'
  | 'too-short' // fewer than 8 characters
  | 'common' // on the list, possibly with digits or symbols around it
  | 'predictable' // one or two distinct characters, or a run like "abcdefgh"
  | 'add-length' // acceptable; longer (a few random words) would be better
  | 'good'
  | 'strong'

export interface PasswordStrength {
  score: 0 | 1 | 2 | 3 | 4
  hint: StrengthHint
}

const MIN_PASSWORD_LENGTH = 8

/** Lower case; top entries of public leaked-password lists (NCSC top 100k, SplashData). */
const COMMON = new Set([
  '123456',
  '123456789',
  '12345678',
  '1234567890',
  '12345',
  '1234567',
  '111111',
  '000000',
  '123123',
  '654321',
  '987654321',
  '666666',
  '121212',
  '112233',
  'password',
  'passw0rd',
  'p@ssw0rd',
  'password1',
  'qwerty',
  'qwertyuiop',
  'qwerty123',
  'asdfghjkl',
  'asdfgh',
  'zxcvbnm',
  '1q2w3e4r',
  '1q2w3e4r5t',
  '1qaz2wsx',
  'zaq12wsx',
  'qazwsx',
  'abc123',
  'abcd1234',
  'iloveyou',
  'letmein',
  'welcome',
  'monkey',
  'dragon',
  'master',
  'shadow',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'batman',
  'trustno1',
  'starwars',
  'whatever',
  'freedom',
  'admin',
  'administrator',
  'login',
  'secret',
  'changeme',
  'default',
  'hello',
  'charlie',
  'michael',
  'jennifer',
  'computer',
  'internet',
  'keyfob',
  'authenticator',
  'pokemon',
  'liverpool',
  'chelsea',
  'arsenal',
  'soccer',
  'hockey',
  'killer',
])

export function passwordStrength(password: string): PasswordStrength {
  const normalized = password.normalize('NFKC')
  // NIST SP 800-63B counts each Unicode code point as one character.
  const chars = [...normalized]
  const lower = normalized.toLowerCase()
  if (chars.length === 0) return { score: 0, hint: 'empty' }
  // "Password123!" and "!!monkey2024" are still the common word.
  // Common passwords are short: only a short one is worth trimming, and the trailing-run regex is
  // quadratic on a long run of non-letters (a pasted megabyte would freeze the popup).
  const core = lower.length > 64 ? lower : lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')
  if (COMMON.has(lower) || COMMON.has(core)) return { score: 0, hint: 'common' }
  if (chars.length < MIN_PASSWORD_LENGTH) return { score: 0, hint: 'too-short' }
  if (new Set(chars).size <= 2 || isRun(chars)) return { score: 0, hint: 'predictable' }

  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((re) => re.test(normalized)).length
  const byLength = chars.length >= 20 ? 4 : chars.length >= 16 ? 3 : chars.length >= 12 ? 2 : 1
  const score = Math.min(4, byLength + (classes >= 3 ? 1 : 0)) as 1 | 2 | 3 | 4
  return { score, hint: score === 4 ? 'strong' : score === 3 ? 'good' : 'add-length' }
}

/** Every step between neighbouring code points is the same +1 or −1 ("abcdefgh", "87654321"). */
function isRun(chars: readonly string[]): boolean {
  const points = chars.map((c) => c.codePointAt(0) ?? 0)
  const step = (points[1] ?? 0) - (points[0] ?? 0)
  return Math.abs(step) === 1 && points.every((p, i) => i === 0 || p - (points[i - 1] ?? 0) === step)
}
