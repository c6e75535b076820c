/**
 * Number literals of the WebAssembly text format (spec 2.0, section 6.3.1), converted to exact bits.
 *
 * Floats are rounded exactly once, to nearest with ties to even, from the exact rational value the
 * literal denotes (BigInt arithmetic). Going through a JS double first would round twice, which gives
 * the wrong f32 for rare decimal literals and for long hex literals; float_literals.wast and const.wast
 * test exactly those cases.
 */

export class LiteralError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiteralError';
  }
}

/** Shape of an IEEE 754 binary format. */
interface FloatFormat {
  readonly mantBits: number;
  readonly expBits: number;
}

const F32: FloatFormat = { mantBits: 23, expBits: 8 };
const F64: FloatFormat = { mantBits: 52, expBits: 11 };

/** Removes the `_` separators after checking that each one sits between two digits. */
function stripUnderscores(digits: string, isDigit: (c: string) => boolean, what: string): string {
  if (digits.length === 0) throw new LiteralError(`empty ${what}`);
  for (let i = 0; i < digits.length; i++) {
    const c = digits[i];
    if (c === '_') {
      if (i === 0 || i === digits.length - 1 || digits[i - 1] === '_' || !isDigit(digits[i + 1])) {
        throw new LiteralError(`misplaced "_" in ${what}`);
      }
    } else if (!isDigit(c)) {
      throw new LiteralError(`bad digit "${c}" in ${what}`);
    }
  }
  return digits.replace(/_/g, '');
}

const isDec = (c: string): boolean => c >= '0' && c <= '9';
const isHex = (c: string): boolean => isDec(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

function splitSign(text: string): { negative: boolean; signed: boolean; body: string } {
  if (text.startsWith('-')) return { negative: true, signed: true, body: text.slice(1) };
  if (text.startsWith('+')) return { negative: false, signed: true, body: text.slice(1) };
  return { negative: false, signed: false, body: text };
}

/** The unsigned magnitude of `num` or `0x hexnum`. */
function parseNat(body: string): bigint {
  if (body.startsWith('0x') || body.startsWith('0X')) {
    return BigInt('0x' + stripUnderscores(body.slice(2), isHex, 'hex integer'));
  }
  return BigInt(stripUnderscores(body, isDec, 'integer'));
}

/**
 * An integer literal for an N-bit type: accepts signed values down to -2^(N-1) and unsigned values up
 * to 2^N-1, and returns the value reinterpreted as a signed N-bit integer.
 */
export function parseIntBits(text: string, bits: 8 | 16 | 32 | 64): bigint {
  const { negative, body } = splitSign(text);
  const mag = parseNat(body);
  const limit = 1n << BigInt(bits);
  if (negative ? mag > limit / 2n : mag >= limit) throw new LiteralError(`integer literal out of range: ${text}`);
  return BigInt.asIntN(bits, negative ? -mag : mag);
}

/** An i32 literal as a signed int32 number. */
export function parseI32(text: string): number {
  return Number(parseIntBits(text, 32));
}

/** An i64 literal as a signed 64-bit bigint. */
export function parseI64(text: string): bigint {
  return parseIntBits(text, 64);
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/**
 * Rounds the positive rational num/den to the format (nearest, ties to even) and returns the bits
 * without the sign: exponent field and mantissa field. Overflow gives infinity.
 */
function roundRational(num: bigint, den: bigint, fmt: FloatFormat): bigint {
  const p = fmt.mantBits + 1;
  const bias = (1 << (fmt.expBits - 1)) - 1;
  const emin = 1 - bias;
  const infBits = BigInt((1 << fmt.expBits) - 1) << BigInt(fmt.mantBits);
  if (num === 0n) return 0n;
  // e = floor(log2(num/den))
  let e = bitLength(num) - bitLength(den);
  const below = (k: number): boolean => (k >= 0 ? num < den << BigInt(k) : num << BigInt(-k) < den);
  if (below(e)) e--;
  if (e < emin) e = emin; // subnormal: fixed scale
  const shift = p - 1 - e;
  const n = shift >= 0 ? num << BigInt(shift) : num;
  const d = shift >= 0 ? den : den << BigInt(-shift);
  let q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && (q & 1n) === 1n)) q++;
  if (q === 1n << BigInt(p)) {
    q >>= 1n;
    e++;
  }
  if (q < 1n << BigInt(p - 1)) return q; // subnormal (or zero): exponent field 0
  if (e > bias) return infBits;
  return (BigInt(e + bias) << BigInt(fmt.mantBits)) | (q - (1n << BigInt(p - 1)));
}

/** Bits of a float literal in the given format, sign included. */
function parseFloatBits(text: string, fmt: FloatFormat): bigint {
  const { negative, body } = splitSign(text);
  const signBit = negative ? 1n << BigInt(fmt.mantBits + fmt.expBits) : 0n;
  const expAll = BigInt((1 << fmt.expBits) - 1) << BigInt(fmt.mantBits);
  if (body === 'inf') return signBit | expAll;
  if (body === 'nan') return signBit | expAll | (1n << BigInt(fmt.mantBits - 1));
  if (body.startsWith('nan:0x')) {
    const payload = BigInt('0x' + stripUnderscores(body.slice(6), isHex, 'nan payload'));
    if (payload === 0n || payload >= 1n << BigInt(fmt.mantBits)) throw new LiteralError(`nan payload out of range: ${text}`);
    return signBit | expAll | payload;
  }
  const hex = body.startsWith('0x') || body.startsWith('0X');
  const digitsBody = hex ? body.slice(2) : body;
  const expMark = hex ? /[pP]/ : /[eE]/;
  const expAt = digitsBody.search(expMark);
  const mantText = expAt >= 0 ? digitsBody.slice(0, expAt) : digitsBody;
  let exp = 0;
  if (expAt >= 0) {
    const { negative: expNeg, body: expBody } = splitSign(digitsBody.slice(expAt + 1));
    const expDigits = stripUnderscores(expBody, isDec, 'exponent');
    // Exponents beyond any representable magnitude are clamped; the result saturates the same way.
    const expMag = expDigits.length > 7 ? 10_000_000 : Number(expDigits);
    exp = expNeg ? -expMag : expMag;
  }
  const dot = mantText.indexOf('.');
  const intPart = dot >= 0 ? mantText.slice(0, dot) : mantText;
  const fracPart = dot >= 0 ? mantText.slice(dot + 1) : '';
  const digitOk = hex ? isHex : isDec;
  const intDigits = stripUnderscores(intPart, digitOk, 'float literal');
  const fracDigits = fracPart.length > 0 ? stripUnderscores(fracPart, digitOk, 'float literal') : '';
  const m = BigInt((hex ? '0x' : '') + (intDigits + fracDigits || '0'));
  if (m === 0n) return signBit;
  let num = m;
  let den = 1n;
  if (hex) {
    const e2 = exp - 4 * fracDigits.length;
    const magnitude = bitLength(m) + e2;
    if (magnitude > 2 ** fmt.expBits) return signBit | expAll;
    if (magnitude < -(2 ** fmt.expBits) - fmt.mantBits - 4) return signBit;
    if (e2 >= 0) num <<= BigInt(e2);
    else den <<= BigInt(-e2);
  } else {
    const e10 = exp - fracDigits.length;
    const magnitude10 = (intDigits + fracDigits).replace(/^0+/, '').length + e10;
    if (magnitude10 > 400) return signBit | expAll;
    if (magnitude10 < -400) return signBit;
    if (e10 >= 0) num *= 10n ** BigInt(e10);
    else den = 10n ** BigInt(-e10);
  }
  return signBit | roundRational(num, den, fmt);
}

/** An f32 literal as its 32 bits (unsigned number). */
export function parseF32Bits(text: string): number {
  return Number(parseFloatBits(text, F32));
}

/** An f64 literal as its 64 bits (unsigned bigint). */
export function parseF64Bits(text: string): bigint {
  return parseFloatBits(text, F64);
}

const scratch = new DataView(new ArrayBuffer(8));

/** The JS number an f32 bit pattern denotes. */
export function f32FromBits(bits: number): number {
  scratch.setUint32(0, bits >>> 0, true);
  return scratch.getFloat32(0, true);
}

/** The JS number an f64 bit pattern denotes. */
export function f64FromBits(bits: bigint): number {
  scratch.setBigUint64(0, BigInt.asUintN(64, bits), true);
  return scratch.getFloat64(0, true);
}
