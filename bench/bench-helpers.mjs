// Small helpers the benchmarks share. (Benchmarks are plain Node scripts: they cannot
// import the TypeScript core, and need only a random key's base32 text.)

/** @param {number[]} xs */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * How far a cell's ratio of medians moves with the draw of opens: a 90% percentile-bootstrap interval (Efron &
 * Tibshirani, "An Introduction to the Bootstrap", ch. 13), resampling each extension's opens with replacement.
 * A seeded generator (mulberry32) keeps the same runs giving the same interval.
 * @param {number[]} a @param {number[]} b @returns {[number, number]}
 */
export function ratioInterval(a, b, draws = 2000) {
  let seed = 0x2545f491
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
  const resample = (xs) => xs.map(() => xs[Math.floor(random() * xs.length)])
  const ratios = Array.from({ length: draws }, () => median(resample(a)) / median(resample(b))).sort((x, y) => x - y)
  return [ratios[Math.floor(draws * 0.05)], ratios[Math.ceil(draws * 0.95) - 1]]
}

/** The median of each open's ratio to the other extension's open beside it (same index: opened one after the other). */
export const pairedRatio = (a, b) => median(a.map((x, i) => x / b[i]))

/** RFC 4648 base32 without padding, for random test keys. @param {Uint8Array} bytes */
function base32(bytes) {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = 0,
    value = 0,
    out = ''
  for (const b of bytes) {
    value = (value << 8) | b
    bits += 8
    while (bits >= 5) {
      out += A[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  return bits ? out + A[(value << (5 - bits)) & 31] : out
}

/** `n` accounts with fresh random keys, named Bench<first>…Bench<first+n-1>: the base32 secret and its bytes in hex. */
export function benchAccounts(first, n) {
  return Array.from({ length: n }, (_, i) => {
    const key = crypto.getRandomValues(new Uint8Array(20))
    return { issuer: `Bench${first + i}`, account: 'user', secret: base32(key), hex: Buffer.from(key).toString('hex') }
  })
}

/** An account's otpauth URI. @param {{ issuer: string, account: string, secret: string }} a */
export const otpauthUri = (a) => `otpauth://totp/${a.issuer}:${a.account}?secret=${a.secret}&issuer=${a.issuer}`

/** `n` otpauth URIs with fresh random keys, named Bench<first>…Bench<first+n-1>. */
export const benchUris = (first, n) => benchAccounts(first, n).map(otpauthUri)
