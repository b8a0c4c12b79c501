/**
 * CRC-24 as OpenPGP defines it (RFC 4880 §6.1: generator 0x864CFB, initial value 0xB704CE, bits
 * most significant first, no final XOR); catalogued as CRC-24/OPENPGP, check value 0x21CF02.
 *
 * A CRC of degree 24 detects every error burst of up to 24 bits (its generator has a non-zero
 * constant term, so it divides no shorter burst): in base32 text that is every wrong character,
 * every swap of two neighbours and every pair of wrong characters at most three apart.
 */
const GENERATOR = 0x1864cfb
const INITIAL = 0xb704ce

export function crc24(bytes: Uint8Array): number {
  let crc = INITIAL
  for (const byte of bytes) {
    crc ^= byte << 16
    for (let bit = 0; bit < 8; bit++) {
      crc <<= 1
      if (crc & 0x1000000) crc ^= GENERATOR
    }
  }
  return crc & 0xffffff
}
