/** Every hostile file of the corpus: its name and bytes. */
export declare function hostileFiles(): Promise<Record<string, Buffer>>;

/** Writes the corpus into `dir` (emptied first); returns each file's name, path and size. */
export declare function makeHostileCorpus(dir?: string): Promise<{ name: string; path: string; byteSize: number }[]>;

/** An 8-bit RGBA PNG whose IHDR may claim another size than the pixels written. */
export declare function rgbaPng(width: number, height: number, pixel: (x: number, y: number) => number[], claimed?: { width: number; height: number }): Buffer;
