/**
 * A PNG turned into a one-frame animated PNG, pixels untouched (every PNG reader still shows it).
 * Why: ffmpeg's concat demuxer gives its stream the time base of the first file's demuxer. A
 * plain PNG comes through image2 at 1/25 s, which moved state changes by up to 20 ms (a frame at
 * 30 fps early or late, measured on a 1080x1920 test clip); the apng demuxer's is 1/100000 s.
 */
export function stillApng(png: Buffer): Buffer {
  const chunks = pngChunks(png);
  const header = chunks.find((chunk) => chunk.type === 'IHDR');
  if (!header) throw new Error('stillApng: not a PNG (no IHDR chunk)');
  const out: Buffer[] = [png.subarray(0, 8)];
  let framed = false;
  for (const chunk of chunks) {
    if (chunk.type === 'IDAT' && !framed) {
      out.push(pngChunk('fcTL', frameControl(header.data.readUInt32BE(0), header.data.readUInt32BE(4))));
      framed = true;
    }
    out.push(chunk.raw);
    if (chunk.type === 'IHDR') out.push(pngChunk('acTL', animationControl()));
  }
  return Buffer.concat(out);
}

interface PngChunk {
  type: string;
  data: Buffer;
  raw: Buffer;
}

function pngChunks(png: Buffer): PngChunk[] {
  const chunks: PngChunk[] = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length), raw: png.subarray(at, at + 12 + length) });
    at += 12 + length;
  }
  return chunks;
}

/** One frame, played forever (a still). */
function animationControl(): Buffer {
  const data = Buffer.alloc(8);
  data.writeUInt32BE(1, 0);
  return data;
}

/** Frame 0 covers the whole image, replaces what was there (blend SOURCE), and stays (dispose NONE). */
function frameControl(width: number, height: number): Buffer {
  const data = Buffer.alloc(26);
  data.writeUInt32BE(width, 4);
  data.writeUInt32BE(height, 8);
  data.writeUInt16BE(1, 20); // delay 1/1 s: the list's durations decide how long it shows
  data.writeUInt16BE(1, 22);
  return data;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return chunk;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
