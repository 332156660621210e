// A fake camera for headless Chromium: a Y4M file that Chromium plays as the webcam
// (`--use-fake-device-for-media-stream --use-file-for-fake-video-capture=FILE.y4m`, see
// launchWithCamera in harness.mjs), made from an image rasterised in a page (rgbaFromPage).
// Y4M is a text header, then per frame "FRAME\n" and the planar 4:2:0 picture: Y (W×H), then
// Cb and Cr (W/2×H/2 each) — easy to write by hand (docs/scanning.md).
import { writeFileSync } from 'node:fs';

// Writes `frames` identical frames of frameWidth×frameHeight (even numbers) at 10 frames a
// second: the RGBA image (width×height, 4 bytes a pixel, alpha over white) centred on white,
// scaled down by whole-pixel area averaging when it does not fit. Chromium loops the file.
export function writeY4m(path, rgba, width, height, { frames = 30, frameWidth = 640, frameHeight = 480 } = {}) {
  if (frameWidth % 2 || frameHeight % 2) throw new Error('Y4M 4:2:0 needs an even frame size');
  if (rgba.length !== width * height * 4) throw new Error(`rgba holds ${rgba.length} bytes, not ${width}×${height}×4`);
  // the picture, white around it, in 8-bit RGB
  const rgb = new Uint8Array(frameWidth * frameHeight * 3).fill(255);
  const scale = Math.min(1, frameWidth / width, frameHeight / height);
  const w = Math.max(1, Math.floor(width * scale)), h = Math.max(1, Math.floor(height * scale));
  const left = (frameWidth - w) >> 1, top = (frameHeight - h) >> 1;
  for (let y = 0; y < h; y++) {
    const sy0 = Math.floor(y * height / h), sy1 = Math.max(sy0 + 1, Math.floor((y + 1) * height / h));
    for (let x = 0; x < w; x++) {
      const sx0 = Math.floor(x * width / w), sx1 = Math.max(sx0 + 1, Math.floor((x + 1) * width / w));
      let r = 0, g = 0, b = 0, n = 0;
      for (let sy = sy0; sy < sy1; sy++) {
        for (let sx = sx0; sx < sx1; sx++) {
          const i = (sy * width + sx) * 4, a = rgba[i + 3] / 255;
          r += rgba[i] * a + 255 * (1 - a); g += rgba[i + 1] * a + 255 * (1 - a); b += rgba[i + 2] * a + 255 * (1 - a);
          n++;
        }
      }
      const o = ((top + y) * frameWidth + left + x) * 3;
      rgb[o] = Math.round(r / n); rgb[o + 1] = Math.round(g / n); rgb[o + 2] = Math.round(b / n);
    }
  }
  // RGB → full-range BT.601 YCbCr (JPEG's, as C420jpeg says), chroma averaged over 2×2
  const cw = frameWidth / 2, ch = frameHeight / 2;
  const frame = Buffer.alloc(frameWidth * frameHeight + 2 * cw * ch);
  const clamp = (v) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
  for (let i = 0; i < frameWidth * frameHeight; i++)
    frame[i] = clamp(0.299 * rgb[i * 3] + 0.587 * rgb[i * 3 + 1] + 0.114 * rgb[i * 3 + 2]);
  const uOff = frameWidth * frameHeight, vOff = uOff + cw * ch;
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      let r = 0, g = 0, b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
        const i = ((2 * y + dy) * frameWidth + 2 * x + dx) * 3;
        r += rgb[i]; g += rgb[i + 1]; b += rgb[i + 2];
      }
      r /= 4; g /= 4; b /= 4;
      frame[uOff + y * cw + x] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      frame[vOff + y * cw + x] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${frameWidth} H${frameHeight} F10:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const mark = Buffer.from('FRAME\n', 'ascii');
  const parts = [header];
  for (let f = 0; f < frames; f++) parts.push(mark, frame);
  writeFileSync(path, Buffer.concat(parts));
  return { path, frames, frameWidth, frameHeight, scale };
}

// Rasterises an image in the page through a canvas: `source` is SVG text ("<svg …"), or a CSS
// selector of an <svg>, <img> or <canvas> on the page. { scale } enlarges it (whole pixels are
// best for a QR code). Returns { rgba: Uint8Array, width, height }.
export async function rgbaFromPage(page, source, { scale = 1 } = {}) {
  const { b64, width, height } = await page.evaluate(async ([source, scale]) => {
    let drawable;
    const fromSvgText = async (svg) => {
      const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      try {
        const img = new Image();
        img.src = url;
        await img.decode();
        return img;
      } finally {
        URL.revokeObjectURL(url);
      }
    };
    if (/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(source)) {
      drawable = await fromSvgText(source);
    } else {
      const el = document.querySelector(source);
      if (!el) throw new Error(`no element ${source} on the page`);
      if (el instanceof SVGSVGElement) drawable = await fromSvgText(new XMLSerializer().serializeToString(el));
      else if (el instanceof HTMLImageElement) { await el.decode(); drawable = el; }
      else if (el instanceof HTMLCanvasElement) drawable = el;
      else throw new Error(`${source} is a <${el.tagName.toLowerCase()}>, not an svg, img or canvas`);
    }
    const w0 = drawable.naturalWidth || drawable.width, h0 = drawable.naturalHeight || drawable.height;
    const width = Math.round(w0 * scale), height = Math.round(h0 * scale);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(drawable, 0, 0, width, height);
    const data = ctx.getImageData(0, 0, width, height).data;
    let bin = '';
    for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode.apply(null, data.subarray(i, i + 0x8000));
    return { b64: btoa(bin), width, height };
  }, [source, scale]);
  return { rgba: new Uint8Array(Buffer.from(b64, 'base64')), width, height };
}
