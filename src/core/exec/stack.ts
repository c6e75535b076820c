/**
 * The operand stack: one ArrayBuffer seen through typed views. Slot `k` (a local or an operand) takes
 * the 16 bytes `[16k, 16k+16)`, so every value, v128 included, fits one slot and stack heights count
 * values. Scalars sit at the start of their slot: i32 at `i32[4k]`, f32 at `f32[4k]`, i64 at
 * `i64[2k]`, f64 at `f64[2k]`; a reference is an int32 at `i32[4k]` (-1 is null).
 * Control frames are kept elsewhere (see the interpreter), never in this buffer.
 */
export interface StackViews {
  readonly buffer: ArrayBuffer;
  readonly i8: Int8Array;
  readonly u8: Uint8Array;
  readonly i16: Int16Array;
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly i64: BigInt64Array;
  readonly u64: BigUint64Array;
}

/** Bytes per value slot. */
export const SLOT_BYTES = 16;

/** The null reference as stored in a slot or a table. */
export const NULL_REF = -1;

/** Allocates a stack of `slots` value slots with all views. */
export function createStack(slots: number): StackViews {
  const buffer = new ArrayBuffer(slots * SLOT_BYTES);
  return {
    buffer,
    i8: new Int8Array(buffer),
    u8: new Uint8Array(buffer),
    i16: new Int16Array(buffer),
    u16: new Uint16Array(buffer),
    i32: new Int32Array(buffer),
    u32: new Uint32Array(buffer),
    f32: new Float32Array(buffer),
    f64: new Float64Array(buffer),
    i64: new BigInt64Array(buffer),
    u64: new BigUint64Array(buffer),
  };
}
