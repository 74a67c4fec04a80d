// Draws the add-in icons (assets/icon-16/32/64/80.png): a green tile with a rising bar chart and a
// check mark. Plain zlib, no image library, so it runs anywhere Node does: `node scripts/make-icons.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const GREEN = [16, 124, 65];
const WHITE = [255, 255, 255];
const SUBSAMPLES = 4; // per axis; 16 samples a pixel smooth the edges

// Shapes in unit coordinates (0..1, y down), painted in order.
const tile = { kind: 'roundRect', x0: 0.02, y0: 0.02, x1: 0.98, y1: 0.98, r: 0.18, color: GREEN };
const bars = [
  [0.17, 0.62],
  [0.41, 0.5],
  [0.65, 0.36],
].map(([x, top]) => ({ kind: 'roundRect', x0: x, y0: top, x1: x + 0.18, y1: 0.84, r: 0.03, color: WHITE }));
const check = {
  kind: 'polyline',
  points: [
    [0.18, 0.33],
    [0.31, 0.45],
    [0.56, 0.16],
  ],
  width: 0.1,
  color: WHITE,
};
const shapes = [tile, ...bars, check];

function insideRoundRect(s, x, y) {
  if (x < s.x0 || x > s.x1 || y < s.y0 || y > s.y1) return false;
  const cx = Math.min(Math.max(x, s.x0 + s.r), s.x1 - s.r);
  const cy = Math.min(Math.max(y, s.y0 + s.r), s.y1 - s.r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= s.r ** 2;
}

function distanceToSegment([ax, ay], [bx, by], x, y) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function inside(s, x, y) {
  if (s.kind === 'roundRect') return insideRoundRect(s, x, y);
  for (let i = 1; i < s.points.length; i++) {
    if (distanceToSegment(s.points[i - 1], s.points[i], x, y) <= s.width / 2) return true;
  }
  return false;
}

/** RGBA pixels; each pixel averages its subsamples, transparent where no shape covers. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUBSAMPLES; sy++) {
        for (let sx = 0; sx < SUBSAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SUBSAMPLES) / size;
          const y = (py + (sy + 0.5) / SUBSAMPLES) / size;
          const top = shapes.findLast((s) => inside(s, x, y));
          if (top) {
            sum[0] += top.color[0];
            sum[1] += top.color[1];
            sum[2] += top.color[2];
            sum[3] += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      const covered = sum[3];
      if (covered > 0) {
        pixels[o] = Math.round(sum[0] / covered);
        pixels[o + 1] = Math.round(sum[1] / covered);
        pixels[o + 2] = Math.round(sum[2] / covered);
        pixels[o + 3] = Math.round((255 * covered) / SUBSAMPLES ** 2);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = [];
  for (let y = 0; y < size; y++) {
    rows.push(Buffer.from([0]), rgba.subarray(y * size * 4, (y + 1) * size * 4)); // filter: none
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 64, 80]) {
  const file = new URL(`../assets/icon-${size}.png`, import.meta.url);
  writeFileSync(file, encodePng(size, render(size)));
  console.log(`assets/icon-${size}.png`);
}
