// The app's icons, drawn here so that no image is committed: a white house with a heart in it
// (家 and 心: Hearth) on the programme's blue. PNG written with node's zlib only.
//   writeIcons(dir) → icon-192.png, icon-512.png, icon-maskable-512.png (the drawing inside
//   the maskable safe zone, a circle of 80 %), apple-touch-icon.png (180) and favicon-32.png.
import { deflateSync } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync, existsSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BLUE = [0x14, 0x66, 0xbf];
const WHITE = [0xff, 0xff, 0xff];

// ---- shapes, in a unit square (0..1, y down) ---------------------------------------------------
function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r), cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function inPolygon(x, y, pts) {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i], [xj, yj] = pts[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const HOUSE = [[0.5, 0.17], [0.83, 0.47], [0.75, 0.47], [0.75, 0.82], [0.25, 0.82], [0.25, 0.47], [0.17, 0.47]];
function inHeart(x, y) {  // the classic heart curve, centred in the house's body
  const u = (x - 0.5) / 0.17, v = -(y - 0.62) / 0.17;
  return (u * u + v * v - 1) ** 3 - u * u * v ** 3 <= 0;
}

// The colour at (x, y) of the unit square; `inset` shrinks the drawing (maskable icons).
function colourAt(x, y, { maskable }) {
  if (!maskable && !inRoundedSquare(x, y, 0.18)) return null;
  const s = maskable ? 0.72 : 1, gx = (x - 0.5) / s + 0.5, gy = (y - 0.5) / s + 0.5;
  if (inPolygon(gx, gy, HOUSE)) return inHeart(gx, gy) ? BLUE : WHITE;
  return BLUE;
}

// ---- rasterising and PNG -----------------------------------------------------------------------
function render(size, options) {
  const N = 4, rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const c = colourAt((px + (sx + 0.5) / N) / size, (py + (sy + 0.5) / N) / size, options);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      const o = (py * size + px) * 4;
      if (a) { rgba[o] = Math.round(r / a); rgba[o + 1] = Math.round(g / a); rgba[o + 2] = Math.round(b / a); }
      rgba[o + 3] = Math.round((255 * a) / (N * N));
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4), crc = Buffer.alloc(4), body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  len.writeUInt32BE(data.length);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
export function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 6;  // 8-bit RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
                        chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon.png', size: 180, maskable: true },   // iOS rounds the corners itself
  { file: 'favicon-32.png', size: 32, maskable: false },
];

// Writes the icons into `dir`, touching only files whose bytes change. Returns the names written.
// Icons newer than this drawing are left alone (drawing them takes a second).
export function writeIcons(dir) {
  mkdirSync(dir, { recursive: true });
  const drawn = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  if (ICONS.every((i) => existsSync(path.join(dir, i.file)) && statSync(path.join(dir, i.file)).mtimeMs >= drawn)) return [];
  const written = [];
  for (const icon of ICONS) {
    const bytes = png(icon.size, render(icon.size, icon));
    const file = path.join(dir, icon.file);
    if (existsSync(file) && readFileSync(file).equals(bytes)) { utimesSync(file, new Date(), new Date()); continue; }   // same bytes: only its time moves on
    writeFileSync(file, bytes);
    written.push(icon.file);
  }
  return written;
}
