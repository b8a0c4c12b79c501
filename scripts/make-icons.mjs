// Draws Keyfob's toolbar icons (a keyhole on a rounded square) as PNGs with no
// image library: pixels are computed with 4×4 supersampling and written with zlib.
// Run once: node scripts/make-icons.mjs → public/icons/icon-<size>.png
import { writeFileSync, mkdirSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'ascii')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr.set([8, 6, 0, 0, 0], 8)
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
// Shape tests in unit coordinates (0..1).
const inRoundedSquare = (x, y) => {
  const r = 0.22,
    cx = Math.min(Math.max(x, r), 1 - r),
    cy = Math.min(Math.max(y, r), 1 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}
const inKeyhole = (x, y) =>
  (x - 0.5) ** 2 + (y - 0.4) ** 2 <= 0.14 ** 2 || (y >= 0.42 && y <= 0.78 && Math.abs(x - 0.5) <= 0.05 + (y - 0.42) * 0.2)
mkdirSync('public/icons', { recursive: true })
for (const size of [16, 32, 48, 128]) {
  const rgba = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let bg = 0,
        hole = 0
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const x = (px + (sx + 0.5) / 4) / size,
            y = (py + (sy + 0.5) / 4) / size
          if (inRoundedSquare(x, y)) {
            bg++
            if (inKeyhole(x, y)) hole++
          }
        }
      const i = (py * size + px) * 4,
        a = bg / 16,
        w = bg ? hole / bg : 0
      rgba[i] = Math.round(0x24 * (1 - w) + 255 * w)
      rgba[i + 1] = Math.round(0x56 * (1 - w) + 255 * w)
      rgba[i + 2] = Math.round(0xc9 * (1 - w) + 255 * w)
      rgba[i + 3] = Math.round(a * 255)
    }
  writeFileSync(`public/icons/icon-${size}.png`, png(size, rgba))
}
console.log('wrote public/icons/icon-{16,32,48,128}.png')
