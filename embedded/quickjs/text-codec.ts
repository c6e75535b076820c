/**
 * UTF-8 TextEncoder/TextDecoder for QuickJS, which has neither (they are WHATWG Encoding, not
 * ECMAScript). The host layer (src/host, src/wasi) uses them for the JSON-RPC lines of a stdio guest,
 * so an embedder of that layer provides them; here they are built on the ECMAScript URI functions,
 * which encode and decode UTF-8. Unlike the WHATWG decoder, malformed UTF-8 throws instead of becoming
 * U+FFFD: the harness would rather fail than guess.
 */

class Utf8Encoder {
  readonly encoding = 'utf-8';

  encode(text = ''): Uint8Array {
    const uri = encodeURIComponent(text);
    const out: number[] = [];
    for (let i = 0; i < uri.length; i++) {
      if (uri[i] === '%') {
        out.push(parseInt(uri.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.push(uri.charCodeAt(i));
      }
    }
    return Uint8Array.from(out);
  }
}

const HEX = '0123456789ABCDEF';

class Utf8Decoder {
  readonly encoding = 'utf-8';

  decode(bytes?: Uint8Array): string {
    if (bytes === undefined) return '';
    let uri = '';
    for (let i = 0; i < bytes.length; i++) uri += `%${HEX[bytes[i] >> 4]}${HEX[bytes[i] & 15]}`;
    return decodeURIComponent(uri);
  }
}

/** Installs the codec as the globals TextEncoder/TextDecoder where the engine has none. */
export function installTextCodec(): void {
  const g = globalThis as Record<string, unknown>;
  g['TextEncoder'] ??= Utf8Encoder;
  g['TextDecoder'] ??= Utf8Decoder;
}
