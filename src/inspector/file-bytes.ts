import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { ChunkReader } from '../core/getmedia/chunk-reader';
import type { ElementEvent } from '../core/getmedia/element-tap';
import type { ChunkElements } from '../protocol';
import { elementsNote, MAX_ELEMENTS, MAX_READ, toNodes, type ChunkBytesSource } from './element-nodes';

/** A capture file's bytes and element tree, read on demand (never whole). */
export class FileBytes implements ChunkBytesSource {
  constructor(private readonly path: string) {}

  /** The elements of chunk `index`: the file is read from the start with the element hook on, up to that chunk. */
  async elements(index: number): Promise<ChunkElements> {
    const found: ElementEvent[] = [];
    let past = false;
    const reader = new ChunkReader({
      onElement: (e) => {
        if (e.chunk === index && found.length < MAX_ELEMENTS) found.push(e);
        if (e.chunk > index) past = true;
      },
    });
    const stream = createReadStream(this.path, { highWaterMark: 1024 * 1024 });
    for await (const piece of stream as AsyncIterable<Buffer>) {
      reader.push(piece);
      if (reader.fault || past) break;
    }
    stream.destroy();
    const elements = await toNodes(found, (offset, size) => this.read(index, offset, size));
    return { elements, note: elementsNote(found.length, reader.fault) };
  }

  async read(_index: number, offset: number, length: number): Promise<Uint8Array> {
    const size = Math.max(0, Math.min(MAX_READ, Math.floor(length)));
    const handle = await open(this.path, 'r');
    try {
      const buffer = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buffer, 0, size, Math.max(0, Math.floor(offset)));
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
}
