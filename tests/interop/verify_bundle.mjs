#!/usr/bin/env node
// An independent verifier of Hearth's signed files, written from docs/bundle-format.md with
// tweetnacl (Ed25519, crypto_box) and @noble/hashes (BLAKE2b) only: no libsodium, no project
// code. It proves the format can be checked by another implementation.
//
//   node tests/interop/verify_bundle.mjs DIR
//
// DIR is what tests/interop/make_sample_bundle writes. Every bundle in DIR/expect.json is
// unsealed with DIR/district-box.key, checked against the district key DIR/district-sign.pub
// and compared with what the core said about it; then copies with one byte changed (in the
// signature, an event, the certificate, the header, the sealed box) must be refused with the
// right reason. The certificate, request and receipt files and their text codes are checked
// too. Prints "independent verification: all checks passed", or exits 1 naming what failed.
//
// As a module: unseal(), verifyBundle(), parseCertificate(), … throw a VerifyError whose
// `key` is the catalog key the core reports for the same fault (err.bundle.* …).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import nacl from 'tweetnacl';
import { blake2b } from '@noble/hashes/blake2';

export class VerifyError extends Error {
  constructor(key, detail) {
    super(`${key}: ${detail}`);
    this.key = key;
  }
}

const ascii = (s) => new TextEncoder().encode(s);
const hex = (b) => Buffer.from(b).toString('hex');
const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};
export const blake2b256 = (bytes) => blake2b(bytes, { dkLen: 32 });

// Little-endian reader; a read past the end throws `truncatedKey`.
class Reader {
  constructor(bytes, truncatedKey) {
    this.b = bytes;
    this.at = 0;
    this.truncatedKey = truncatedKey;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n) {
    if (n > this.b.length - this.at)
      throw new VerifyError(this.truncatedKey, `needs ${n} bytes at offset ${this.at}, ${this.b.length - this.at} left`);
  }
  bytes(n) {
    this.need(n);
    const s = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return s;
  }
  u8() { return this.bytes(1)[0]; }
  u16() { this.need(2); const v = this.view.getUint16(this.at, true); this.at += 2; return v; }
  u32() { this.need(4); const v = this.view.getUint32(this.at, true); this.at += 4; return v; }
  u64() { this.need(8); const v = this.view.getBigUint64(this.at, true); this.at += 8; return v; }
  i64() { this.need(8); const v = this.view.getBigInt64(this.at, true); this.at += 8; return v; }
  str() { return new TextDecoder('utf-8', { fatal: false }).decode(this.bytes(this.u16())); }
  get remaining() { return this.b.length - this.at; }
}

// Ed25519 as RFC 8032 and libsodium 1.0.18 check it. tweetnacl does not refuse a signature
// whose S is not below the group order L (a second encoding of a valid signature), which
// libsodium refuses: checked here so both accept exactly the same signatures.
const L = [0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];
function sBelowL(sig) {
  for (let i = 31; i >= 0; --i) {
    if (sig[32 + i] < L[i]) return true;
    if (sig[32 + i] > L[i]) return false;
  }
  return false;  // S == L
}
export function ed25519Verify(publicKey, message, signature) {
  return sBelowL(signature) && nacl.sign.detached.verify(message, signature, publicKey);
}

function expectMagic(r, magic, notKey) {
  if (r.b.length < 8 || !equal(r.b.subarray(0, 8), ascii(magic))) throw new VerifyError(notKey, `no ${magic} magic`);
  r.bytes(8);
}
function expectVersion(r, key) {
  const v = r.u16();
  if (v !== 1) throw new VerifyError(key, `version ${v}`);
}
function unit(r, damagedKey) {
  const role = r.u8();
  if (role < 1 || role > 3) throw new VerifyError(damagedKey, `unknown role ${role}`);
  return { role, township: r.u32(), provider: r.str(), label: r.str() };
}

// ---- certificate (HEARTHCT) ---------------------------------------------------------------------
export function parseCertificate(bytes) {
  const r = new Reader(bytes, 'err.cert.damaged');
  expectMagic(r, 'HEARTHCT', 'err.cert.not_this_kind');
  expectVersion(r, 'err.cert.version');
  const c = { district: r.bytes(32), districtBox: r.bytes(32), device: r.bytes(16), deviceKey: r.bytes(32) };
  c.unit = unit(r, 'err.cert.damaged');
  c.serial = r.u32();
  c.issuedMs = r.i64();
  c.validFromMs = r.i64();
  c.validUntilMs = r.i64();
  c.signedPart = bytes.subarray(0, r.at);
  c.signature = r.bytes(64);
  if (r.remaining !== 0) throw new VerifyError('err.cert.damaged', `${r.remaining} bytes after the signature`);
  return c;
}
// The certificate's own signature, by the district key it names; whether that key is the
// district's is a separate check (verifyBundle does it last, as the core's merge does).
export function verifyCertificate(cert, district) {
  if (!ed25519Verify(cert.district, cert.signedPart, cert.signature)) throw new VerifyError('err.cert.signature', 'district signature');
  if (district && !equal(cert.district, district)) throw new VerifyError('err.bundle.foreign', `issued by ${hex(cert.district).slice(0, 16)}`);
}

// ---- request (HEARTHRQ) and receipt (HEARTHRC) ----------------------------------------------------
export function parseRequest(bytes) {
  const r = new Reader(bytes, 'err.request.damaged');
  expectMagic(r, 'HEARTHRQ', 'err.request.not_this_kind');
  expectVersion(r, 'err.request.version');
  const q = { device: r.bytes(16), signPublic: r.bytes(32) };
  q.unit = unit(r, 'err.request.damaged');
  q.createdMs = r.i64();
  q.signedPart = bytes.subarray(0, r.at);
  q.signature = r.bytes(64);
  if (r.remaining !== 0) throw new VerifyError('err.request.damaged', 'trailing bytes');
  if (!ed25519Verify(q.signPublic, q.signedPart, q.signature)) throw new VerifyError('err.request.signature', 'self-signature');
  return q;
}
export function parseReceipt(bytes, district) {
  const r = new Reader(bytes, 'err.receipt.damaged');
  expectMagic(r, 'HEARTHRC', 'err.receipt.not_this_kind');
  expectVersion(r, 'err.receipt.version');
  const c = { district: r.bytes(32), device: r.bytes(16), through: r.u64(), head: r.bytes(32), createdMs: r.i64() };
  c.signedPart = bytes.subarray(0, r.at);
  c.signature = r.bytes(64);
  if (r.remaining !== 0) throw new VerifyError('err.receipt.damaged', 'trailing bytes');
  if (!equal(c.district, district)) throw new VerifyError('err.receipt.foreign', 'another district');
  if (!ed25519Verify(district, c.signedPart, c.signature)) throw new VerifyError('err.receipt.signature', 'district signature');
  return c;
}
export function parseKeyFilePublic(bytes) {
  const r = new Reader(bytes, 'err.key.damaged');
  expectMagic(r, 'HEARTHKY', 'err.key.not_this_kind');
  expectVersion(r, 'err.key.version');
  const k = { role: r.u8(), device: r.bytes(16), signPublic: r.bytes(32), boxPublic: r.bytes(32), opslimit: r.u64(), memlimit: r.u64(),
              salt: r.bytes(16), nonce: r.bytes(24) };
  k.sealed = r.bytes(r.u32());
  if (r.remaining !== 0 || k.sealed.length !== 80) throw new VerifyError('err.key.damaged', 'layout');
  return k;
}

// Text codes: PREFIX + base64url (RFC 4648 §5, no padding); whitespace inside is ignored.
export function fromTextCode(text, prefix) {
  const at = text.indexOf(prefix);
  if (at < 0) return null;
  const code = /^[A-Za-z0-9_\-\s]*/.exec(text.slice(at + prefix.length))[0].replace(/\s/g, '');
  return new Uint8Array(Buffer.from(code, 'base64url'));
}

// ---- sealed bundle (HEARTHSB) ---------------------------------------------------------------------
// libsodium's crypto_box_seal: ephemeral public key ‖ crypto_box_easy(inner, nonce, recipient, ephemeral secret)
// with nonce = BLAKE2b-192(ephemeral public key ‖ recipient public key).
export function unseal(bytes, boxSecret) {
  if (bytes.length < 8 || !equal(bytes.subarray(0, 8), ascii('HEARTHSB'))) throw new VerifyError('err.bundle.not_a_bundle', 'no HEARTHSB magic');
  if (bytes.length < 90) throw new VerifyError('err.bundle.truncated', `sealed bundle of ${bytes.length} bytes`);
  const version = bytes[8] | (bytes[9] << 8);
  if (version !== 1) throw new VerifyError('err.bundle.version', `sealed bundle version ${version}`);
  const recipient = bytes.subarray(10, 42);
  const ours = nacl.box.keyPair.fromSecretKey(boxSecret).publicKey;
  if (!equal(recipient, ours)) throw new VerifyError('err.bundle.foreign', 'sealed to another key');
  const ephemeral = bytes.subarray(42, 74);
  const nonce = blake2b(concat(ephemeral, recipient), { dkLen: 24 });
  const inner = nacl.box.open(bytes.subarray(74), nonce, ephemeral, boxSecret);
  if (!inner) throw new VerifyError('err.bundle.tampered', 'the sealed box does not open');
  return inner;
}
export function seal(inner, recipient) {  // for the tamper tests: a fresh ephemeral key
  const eph = nacl.box.keyPair();
  const nonce = blake2b(concat(eph.publicKey, recipient), { dkLen: 24 });
  return concat(ascii('HEARTHSB'), new Uint8Array([1, 0]), recipient, eph.publicKey, nacl.box(inner, nonce, recipient, eph.secretKey));
}

// What each role may record, by the index of the event body (docs/bundle-format.md).
// D = district only, T = township (and district), R = trainer (and district), A = every role.
const BODY_ROLES = 'AADDTTRRRRRTADDTTTDDTDTDDAD';
const roleMay = (role, index) => role === 1 || BODY_ROLES[index] === 'A' || (BODY_ROLES[index] === 'T' && role === 2) ||
                                 (BODY_ROLES[index] === 'R' && role === 3);

// ---- inner bundle (HEARTHBN) ----------------------------------------------------------------------
// Checks everything the bundle proves, in the core's order; returns its header and event hashes.
export function verifyBundle(inner, district) {
  const r = new Reader(inner, 'err.bundle.truncated');
  expectMagic(r, 'HEARTHBN', 'err.bundle.not_a_bundle');
  expectVersion(r, 'err.bundle.version');
  const certBytes = r.bytes(r.u32());
  let cert;
  try {
    cert = parseCertificate(certBytes);
    verifyCertificate(cert, null);
  } catch (e) {
    if (!(e instanceof VerifyError)) throw e;
    throw new VerifyError(e.key === 'err.cert.signature' ? 'err.bundle.cert_forged' : 'err.bundle.damaged', `certificate: ${e.message}`);
  }
  const h = { cert, first: r.u64(), last: r.u64(), count: r.u32(), prev: r.bytes(32), lastHash: r.bytes(32), createdMs: r.i64(),
              digest: r.bytes(32) };
  const signedPart = inner.subarray(0, r.at);
  const signature = r.bytes(64);
  const section = inner.subarray(r.at);

  if (!ed25519Verify(cert.deviceKey, signedPart, signature)) throw new VerifyError('err.bundle.signature', 'device signature over the header');
  if (!equal(blake2b256(section), h.digest)) throw new VerifyError('err.bundle.tampered', 'events digest');
  if (h.count === 0 || h.first === 0n || h.last < h.first || h.last - h.first + 1n !== BigInt(h.count))
    throw new VerifyError('err.bundle.damaged', `range ${h.first}–${h.last} with count ${h.count}`);
  if (h.first === 1n && !h.prev.every((x) => x === 0)) throw new VerifyError('err.bundle.damaged', 'event 1 with a previous hash');

  const events = new Reader(section, 'err.bundle.truncated');
  let prev = h.prev;
  const hashes = [];
  for (let seq = h.first; seq <= h.last; ++seq) {
    const len = events.u32();
    if (len > 1 << 20) throw new VerifyError('err.bundle.damaged', `event ${seq} of ${len} bytes`);
    const bytes = events.bytes(len);
    // Envelope (cereal portable binary): tag, u16 format, device[16], u64 seq, i64 wall_ms,
    // u32 counter, prev[32], i32 body index, body.
    if (bytes.length < 75 || bytes[0] !== 1) throw new VerifyError('err.bundle.event_unreadable', `event ${seq}: envelope`);
    const e = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const format = e.getUint16(1, true);
    const index = e.getInt32(71, true);
    if (format !== 1 || index < 0 || index >= BODY_ROLES.length) throw new VerifyError('err.bundle.event_unreadable', `event ${seq}: format ${format}, body ${index}`);
    if (!equal(bytes.subarray(3, 19), cert.device)) throw new VerifyError('err.bundle.wrong_device', `event ${seq}`);
    if (e.getBigUint64(19, true) !== seq) throw new VerifyError('err.bundle.chain', `expected event ${seq}, found ${e.getBigUint64(19, true)}`);
    if (!equal(bytes.subarray(39, 71), prev)) throw new VerifyError('err.bundle.chain', `event ${seq} does not follow the one before it`);
    if (!roleMay(cert.unit.role, index)) throw new VerifyError('err.bundle.role', `event ${seq}: body ${index}, role ${cert.unit.role}`);
    prev = blake2b256(bytes);
    hashes.push(prev);
  }
  if (events.remaining !== 0) throw new VerifyError('err.bundle.damaged', `${events.remaining} bytes after the last event`);
  if (!equal(prev, h.lastHash)) throw new VerifyError('err.bundle.chain', "the last event's hash differs from the header's");
  // What the bundle cannot prove about itself: that its certificate is this district's, and
  // was valid when the bundle was made (the core checks these when merging).
  if (!equal(cert.district, district)) throw new VerifyError('err.bundle.foreign', `certificate issued by ${hex(cert.district).slice(0, 16)}`);
  if (!(cert.validFromMs <= h.createdMs && h.createdMs <= cert.validUntilMs)) throw new VerifyError('err.bundle.cert_expired', 'made outside the certificate');
  return { header: h, hashes, sectionOffset: inner.length - section.length, signatureOffset: signedPart.length };
}

// A file as it arrives: sealed or not.
export function openBundle(bytes, district, boxSecret) {
  const sealed = bytes.length >= 8 && equal(bytes.subarray(0, 8), ascii('HEARTHSB'));
  const inner = sealed ? unseal(bytes, boxSecret) : bytes;
  return { sealed, inner, ...verifyBundle(inner, district) };
}

// ---- the self-test over a sample folder -------------------------------------------------------------
function selfTest(dir) {
  const read = (f) => new Uint8Array(readFileSync(join(dir, f)));
  const district = read('district-sign.pub');
  const boxSecret = read('district-box.key');
  const expect = JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8'));
  let failures = 0, checks = 0;
  const check = (ok, what) => {
    ++checks;
    console.log(`${ok ? 'ok' : 'FAILED'} - ${what}`);
    if (!ok) ++failures;
  };
  const refuses = (what, key, fn) => {
    try {
      fn();
      check(false, `${what}: accepted, should be refused with ${key}`);
    } catch (e) {
      if (!(e instanceof VerifyError)) throw e;
      check(e.key === key, `${what}: refused with ${e.key}${e.key === key ? '' : ` (expected ${key}): ${e.message}`}`);
    }
  };

  check(hex(district) === expect.district_sign_public, 'district-sign.pub is the key expect.json names');
  check(equal(nacl.box.keyPair.fromSecretKey(boxSecret).publicKey, read('district-box.pub')), 'district-box.key belongs to district-box.pub');

  for (const want of expect.bundles) {
    let got;
    try {
      got = openBundle(read(want.file), district, boxSecret);
    } catch (e) {
      check(false, `${want.file}: ${e.message}`);
      continue;
    }
    const h = got.header;
    const same = got.sealed === want.sealed && hex(h.cert.device) === want.device && hex(h.cert.deviceKey) === want.device_key &&
                 h.first === BigInt(want.first) && h.last === BigInt(want.last) && h.count === want.count &&
                 h.createdMs === BigInt(want.created_ms) && hex(h.prev) === want.prev && hex(h.lastHash) === want.last_hash &&
                 got.hashes.length === want.count && hex(got.hashes.at(-1)) === want.last_hash;
    check(same, `${want.file}: ${want.sealed ? 'unsealed, ' : ''}certificate and signature verify, events ${h.first}–${h.last} chain to ${hex(h.lastHash).slice(0, 16)}…, as the core says`);
  }

  // Signed by the device yet wrong inside: refused for the reason the core gives.
  for (const want of expect.refused)
    refuses(`${want.file} (made and signed by the core, refused by it)`, want.key, () => openBundle(read(want.file), district, boxSecret));

  // One changed byte anywhere must be refused, for the right reason.
  const sealed = read('bundle-2.hearth');
  const inner = unseal(sealed, boxSecret);
  const layout = verifyBundle(inner, district);
  const recipient = sealed.subarray(10, 42);
  const flipped = (bytes, at) => {
    const copy = Uint8Array.from(bytes);
    copy[at] ^= 0x01;
    return copy;
  };
  const resealed = (at) => seal(flipped(inner, at), recipient);
  const certLen = new DataView(inner.buffer, inner.byteOffset).getUint32(10, true);
  const certAt = 14;  // magic 8, version 2, certificate length 4
  const certLabelEnd = certAt + certLen - 64 - 28 - 1;  // last byte of the label: serial, three times and the signature follow
  const certDeviceKey = certAt + 8 + 2 + 32 + 32 + 16;
  const headerLastHash = certAt + certLen + 8 + 8 + 4 + 32;
  const thirdEvent = (() => {  // an offset inside the third event's body
    let at = layout.sectionOffset;
    for (let i = 0; i < 2; ++i) at += 4 + new DataView(inner.buffer, inner.byteOffset).getUint32(at, true);
    return at + 4 + 80;
  })();
  refuses('sealed bundle with a byte of the box changed', 'err.bundle.tampered', () => openBundle(flipped(sealed, sealed.length - 100), district, boxSecret));
  refuses('sealed bundle with a byte of its ephemeral key changed', 'err.bundle.tampered', () => openBundle(flipped(sealed, 50), district, boxSecret));
  refuses('resealed bundle with a byte of the signature changed', 'err.bundle.signature', () => openBundle(resealed(layout.signatureOffset + 10), district, boxSecret));
  refuses('resealed bundle with a byte of an event changed', 'err.bundle.tampered', () => openBundle(resealed(thirdEvent), district, boxSecret));
  refuses("resealed bundle with a byte of the certificate's label changed", 'err.bundle.cert_forged', () => openBundle(resealed(certLabelEnd), district, boxSecret));
  refuses("resealed bundle with a byte of the certificate's device key changed", 'err.bundle.cert_forged', () => openBundle(resealed(certDeviceKey + 5), district, boxSecret));
  refuses("resealed bundle with a byte of the header's last hash changed", 'err.bundle.signature', () => openBundle(resealed(headerLastHash + 3), district, boxSecret));
  refuses('unsealed bundle with a byte of an event changed', 'err.bundle.tampered', () => openBundle(flipped(read('bundle-2-plain.hearth'), thirdEvent), district, boxSecret));
  refuses('unsealed bundle cut short', 'err.bundle.tampered', () => openBundle(read('bundle-2-plain.hearth').subarray(0, inner.length - 1), district, boxSecret));
  refuses('bundle checked against another district key', 'err.bundle.foreign', () => openBundle(sealed, nacl.sign.keyPair().publicKey, boxSecret));
  refuses('sealed bundle opened with another box key', 'err.bundle.foreign', () => openBundle(sealed, district, nacl.box.keyPair().secretKey));
  const sig = inner.subarray(layout.signatureOffset, layout.signatureOffset + 64);
  const malleated = Uint8Array.from(inner);  // S + L: valid for tweetnacl, refused by libsodium and here
  let carry = 0;
  for (let i = 0; i < 32; ++i) {
    const v = sig[32 + i] + L[i] + carry;
    malleated[layout.signatureOffset + 32 + i] = v & 0xff;
    carry = v >> 8;
  }
  refuses('bundle whose signature S was replaced by S + L', 'err.bundle.signature', () => verifyBundle(malleated, district));

  // Certificates, requests, receipts and their text codes.
  const certBin = read('device-cert.bin');
  const cert = parseCertificate(certBin);
  check((() => { try { verifyCertificate(cert, district); return true; } catch { return false; } })(), 'device-cert.bin: issued and signed by the district');
  check(equal(fromTextCode(readFileSync(join(dir, 'device-cert.txt'), 'utf8'), 'HEARTH-CERT-1:'), certBin), 'device-cert.txt is HEARTH-CERT-1: + base64url of device-cert.bin');
  check(equal(certBin, inner.subarray(certAt, certAt + certLen)), 'the bundle carries device-cert.bin');
  refuses('certificate with a byte of its validity changed', 'err.cert.signature', () => verifyCertificate(parseCertificate(flipped(certBin, certBin.length - 70)), district));
  const requestBin = read('device-request.bin');
  const request = parseRequest(requestBin);
  check(equal(request.signPublic, cert.deviceKey) && equal(request.device, cert.device), 'device-request.bin: self-signed by the key the certificate names');
  check(equal(fromTextCode(readFileSync(join(dir, 'device-request.txt'), 'utf8'), 'HEARTH-REQUEST-1:'), requestBin), 'device-request.txt is HEARTH-REQUEST-1: + base64url of device-request.bin');
  refuses('request with a byte of its creation time changed', 'err.request.signature', () => parseRequest(flipped(requestBin, requestBin.length - 70)));
  const receipt = parseReceipt(read('receipt.bin'), district);
  const first = openBundle(read('bundle-1.hearth'), district, boxSecret);
  check(receipt.through === 40n && equal(receipt.head, first.hashes[39]) && equal(receipt.device, cert.device), 'receipt.bin: signed by the district, confirms events 1–40 with the hash of event 40');
  refuses('receipt with a byte of its head changed', 'err.receipt.signature', () => parseReceipt(flipped(read('receipt.bin'), 70), district));
  const key = parseKeyFilePublic(read('device-key.bin'));
  check(equal(key.signPublic, cert.deviceKey) && equal(key.device, cert.device) && key.role === cert.unit.role, 'device-key.bin: its public part names the certified key');

  console.log(`${checks - failures} of ${checks} checks passed`);
  if (failures) {
    console.log('independent verification FAILED');
    process.exit(1);
  }
  console.log('independent verification: all checks passed');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.length < 3) {
    console.error('usage: node tests/interop/verify_bundle.mjs DIR   (DIR from tests/interop/make_sample_bundle)');
    process.exit(2);
  }
  selfTest(process.argv[2]);
}
