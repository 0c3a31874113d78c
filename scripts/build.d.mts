// Types of build.mjs, for the TypeScript that reuses its options (npm start's watch).
import type { BuildOptions } from "esbuild";

export declare const FUNCTIONS_DIR: string;
export declare const DIST_DIR: string;
export declare const MAIN_FILE: string;
export declare const ENTRY_FILES: ReadonlyArray<{ readonly file: string; readonly contents: string }>;
export declare function writeEntryFiles(dir: string): void;
export declare function coldStartBytes(dir: string): number;
export declare const CHUNKS: ReadonlyArray<{ readonly entry: string; readonly file: string }>;
export declare function functionNames(): string[];
export declare function functionBuildOptions(name: string, minify?: boolean): BuildOptions;
export declare function chunkBuildOptions(chunk: { readonly entry: string; readonly file: string }, minify?: boolean): BuildOptions;
export declare function buildAll(options?: { minify?: boolean }): Promise<Array<{ name: string; bytes: number; gzipBytes: number }>>;
export declare const ZOD_ENTRY: string;
export declare const ZOD_CHUNK: string;
export declare const zodLite: import("esbuild").Plugin;
export declare const COMMON: BuildOptions;
export declare const PARSERS_DIR: string;
export declare const PARSER_WRITER_ENTRY: string;
export declare function prebuiltParsers(mainFile: string): Promise<{ files: Array<{ name: string; contents: string }>; skipped: string[] }>;
